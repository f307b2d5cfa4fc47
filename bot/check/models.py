"""The account report: what one visibility check saw, as pydantic models (its JSON is the stable
interface of `hf-support-bot check --json`)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Generic, Literal, Self, TypeVar
from urllib.parse import quote

from pydantic import (
    AliasChoices,
    AliasPath,
    BaseModel,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from bot.check.parts import LinkedRepo, PartError
from bot.check.repo_types import REPO_TYPES, RepoType
from bot.check.stages import has_error_message, is_paused
from bot.check.wording import COUNT_WORDS, COUNTS
from bot.i18n import listing, nt, number, t, use_language
from bot.i18n.locales import ENGLISH
from bot.text import clean_text

AccountKind = Literal["user", "organization", "not_found", "unknown"]
VerdictCode = Literal["visible", "not_visible", "incomplete"]
_PLAIN_ID = re.compile(r"[A-Za-z0-9._/-]+")
ERROR_MESSAGE_LIMIT = 300
"""Characters kept of a Space's `runtime.errorMessage`."""


def _false_is_none(value: object) -> object:
    return None if value is None or value is False else value


class RepoItem(BaseModel):
    """One public repo. Also reads the Hub's list items directly (`lastModified`, `private`);
    given a validation context `{"url_prefix": ...}`, `url` is that prefix plus the id."""

    id: str = Field(min_length=1, max_length=300)
    url: str = ""
    last_modified: datetime | None = Field(
        None, validation_alias=AliasChoices("last_modified", "lastModified")
    )
    likes: int | None = None
    downloads: int | None = None
    disabled: bool = False
    gated: str | None = None
    """None when anyone may download; "auto" or "manual" when the files need a logged-in account
    that accepted the repo's conditions."""
    private: bool = Field(False, exclude=True, repr=False)  # only to drop private items

    @field_validator("private", "disabled", mode="before")
    @classmethod
    def _null_is_false(cls, value: object) -> object:
        return False if value is None else value

    @field_validator("gated", mode="before")
    @classmethod
    def _gated(cls, value: object) -> object:
        value = _false_is_none(value)
        return "auto" if value is True else value

    @property
    def copyable(self) -> bool:
        """Whether anyone can download it without logging in."""
        return not self.disabled and self.gated is None

    @model_validator(mode="after")
    def _hub_url(self, info: ValidationInfo) -> Self:
        if not self.url and isinstance(info.context, dict) and "url_prefix" in info.context:
            plain = _PLAIN_ID.fullmatch(self.id)
            # __dict__: a plain store, without pydantic's per-assignment bookkeeping (hot path)
            self.__dict__["url"] = info.context["url_prefix"] + (
                self.id if plain else quote(self.id, safe="/")
            )
        return self


class SpaceItem(RepoItem):
    """One public Space; `stage` is the Hub's runtime stage, kept as an open string."""

    stage: str | None = Field(
        None, validation_alias=AliasChoices("stage", AliasPath("runtime", "stage"))
    )
    error_message: str | None = Field(
        None,
        validation_alias=AliasChoices("error_message", AliasPath("runtime", "errorMessage")),
    )
    """The Hub's `runtime.errorMessage`, shortened, kept for Spaces in an error or paused stage
    (a Space stopped by an automated rule says so there)."""

    @model_validator(mode="after")
    def _keep_error_message(self) -> Self:
        if self.error_message is not None:
            self.error_message = shorten_error(self.error_message, self.stage)
        return self


def shorten_error(message: object, stage: str | None) -> str | None:
    """A Space's error message on one line, at most `ERROR_MESSAGE_LIMIT` characters; None unless
    the stage is an error or paused one."""
    if not isinstance(message, str) or not has_error_message(stage):
        return None
    text, _ = clean_text(message, ERROR_MESSAGE_LIMIT, multiline=False)
    return text or None


ItemT = TypeVar("ItemT", bound=RepoItem)


class RepoList(BaseModel, Generic[ItemT]):
    """The public repos of one type: `count` listed, `capped` when more exist than were listed,
    `stated_total` as the profile states it, `error` when listing failed (items kept)."""

    count: int = 0
    capped: bool = False
    stated_total: int | None = None
    items: list[ItemT] = Field(default_factory=list)
    error: PartError | None = None

    def shown_count(self) -> str:
        """`count`, as "1000+" when capped."""
        return f"{number(self.count)}+" if self.capped else number(self.count)


class Verdict(BaseModel):
    """The conclusion, in plain words."""

    code: VerdictCode
    explanation: str


class AccountReport(BaseModel):
    """Everything one account check found. `cached`/`age_s` tell when it was served from cache."""

    account: str
    kind: AccountKind
    profile_reachable: bool
    display_name: str | None = None
    profile_error: PartError | None = None
    profile_status: int | None = None
    """The HTTP status (401, 403, 410) that said the profile is not visible, if one did."""
    linked_repo: LinkedRepo | None = None
    models: RepoList[RepoItem] = Field(default_factory=RepoList[RepoItem])
    datasets: RepoList[RepoItem] = Field(default_factory=RepoList[RepoItem])
    spaces: RepoList[SpaceItem] = Field(default_factory=RepoList[SpaceItem])
    verdict: Verdict
    checked_at: datetime
    duration_s: float
    cached: bool = False
    age_s: float | None = None
    token_refused: bool = False
    """The Hub refused the bot's own token, so the check was made without it (anonymously)."""

    def __repr__(self) -> str:
        # Short on purpose: asyncio formats a finished task with `repr(result)` (e.g. when
        # asyncio.run restores the SIGINT handler), and a full repr of thousands of items is slow.
        return (
            f"AccountReport(account={self.account!r}, kind={self.kind!r}, "
            f"public={self.public_count}, verdict={self.verdict.code!r})"
        )

    __str__ = __repr__

    def repo_lists(self) -> list[tuple[RepoType, RepoList[RepoItem] | RepoList[SpaceItem]]]:
        """The three lists with their repo type, in a fixed order."""
        return [("model", self.models), ("dataset", self.datasets), ("space", self.spaces)]

    @property
    def public_count(self) -> int:
        """Public repos listed, all types together."""
        return self.models.count + self.datasets.count + self.spaces.count

    @property
    def complete(self) -> bool:
        """Whether every part of the check succeeded."""
        return not self.part_errors()

    def paused_spaces(self) -> int:
        """Listed Spaces whose stage is PAUSED."""
        return sum(1 for s in self.spaces.items if is_paused(s.stage))

    def disabled_spaces(self) -> int:
        """Listed Spaces marked disabled."""
        return sum(1 for s in self.spaces.items if s.disabled)

    def disabled_repos(self) -> int:
        """Listed repos of any type marked disabled."""
        return sum(1 for _, lst in self.repo_lists() for item in lst.items if item.disabled)

    def gated_repos(self) -> int:
        """Listed repos (not disabled) whose files need a logged-in account."""
        return sum(
            1
            for _, lst in self.repo_lists()
            for item in lst.items
            if item.gated is not None and not item.disabled
        )

    def copyable_count(self) -> int:
        """Listed repos anyone can download now."""
        return sum(1 for _, lst in self.repo_lists() for item in lst.items if item.copyable)

    def breakdown(self) -> str:
        """Counts per type in the current language, e.g. "3 models incl. 1 gated, 1 dataset,
        10 Spaces: 8 paused"."""
        parts = [_with_notes(lst, repo_type) for repo_type, lst in self.repo_lists()]
        space_notes = [
            nt(COUNTS[label], n)
            for n, label in ((self.paused_spaces(), "paused"), (self.disabled_spaces(), "disabled"))
            if n
        ]
        if space_notes:
            parts[2] = t(COUNT_WORDS["spaces_with"], spaces=parts[2], notes=listing(space_notes))
        return listing(parts)

    def public_repos_text(self) -> str:
        """E.g. "14 public repos", "1 public repo", "1000+ public repos" (current language)."""
        capped = any(lst.capped for _, lst in self.repo_lists())
        shown = f"{number(self.public_count)}{'+' if capped else ''}"
        return nt(COUNTS["public"], _form_count(self.public_count, capped), count=shown)

    def summary_line(self) -> str:
        """One line for emails and embeds, always English (it goes into the email), e.g.
        "14 public repos reachable (3 models, 1 dataset, 10 Spaces: 8 paused)"."""
        with use_language(ENGLISH):
            if self.public_count:
                line = f"{self.public_repos_text()} reachable ({self.breakdown()})"
            elif self.profile_reachable:
                line = "profile reachable, no public repos listed"
            elif self.kind == "unknown":
                line = "no public repos listed"
            elif self.token_refused:  # never "nothing publicly visible" on the bot's own fault
                line = "no profile or public repos seen (checked without the bot's refused token)"
            else:
                line = "nothing publicly visible (no profile, no public repos)"
        failed = self.failed_parts()
        if failed:
            line += "; could not check: " + ", ".join(failed)
        return line

    def part_errors(self) -> list[tuple[str, PartError]]:
        """The parts that failed, by plain name ("profile", "linked repo", "models", "datasets",
        "Spaces"),
        with their errors, in a fixed order."""
        parts = [("profile", self.profile_error)]
        if self.linked_repo is not None:
            parts.append(("linked repo", self.linked_repo.error))
        parts += [(REPO_TYPES[t].many, lst.error) for t, lst in self.repo_lists()]
        return [(name, error) for name, error in parts if error is not None]

    def failed_parts(self) -> list[str]:
        """Plain names of the parts that failed."""
        return [name for name, _ in self.part_errors()]


def _form_count(count: int, capped: bool) -> int:
    """The number that chooses a plural form: a cut list ("1+") reads as several."""
    return 2 if capped and count == 1 else count


def _plural(lst: RepoList[RepoItem] | RepoList[SpaceItem], repo_type: RepoType) -> str:
    count = _form_count(lst.count, lst.capped)
    return nt(COUNTS[repo_type], count, count=lst.shown_count())


def _with_notes(lst: RepoList[RepoItem] | RepoList[SpaceItem], repo_type: RepoType) -> str:
    """ "3 models incl. 1 disabled and 2 gated" (current language); Spaces without notes."""
    text = _plural(lst, repo_type)
    if repo_type == "space":
        return text
    disabled = sum(1 for item in lst.items if item.disabled)
    gated = sum(1 for item in lst.items if item.gated is not None and not item.disabled)
    notes = [nt(COUNTS[label], n) for n, label in ((disabled, "disabled"), (gated, "gated")) if n]
    if not notes:
        return text
    joined = notes[0] if len(notes) == 1 else t(COUNT_WORDS["and"], one=notes[0], other=notes[1])
    return t(COUNT_WORDS["including"], repos=text, notes=joined)
