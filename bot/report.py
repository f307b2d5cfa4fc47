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

from bot.hub import ErrorKind, HubError

AccountKind = Literal["user", "organization", "not_found", "unknown"]
RepoType = Literal["model", "dataset", "space"]
VerdictCode = Literal["visible", "not_visible", "incomplete"]
_PLAIN_ID = re.compile(r"[A-Za-z0-9._/-]+")


class PartError(BaseModel):
    """Why one part of the check (the profile or a list) could not be completed."""

    kind: ErrorKind
    message: str
    status: int | None = None
    request_id: str | None = None
    retry_after_s: float | None = None

    @classmethod
    def from_hub(cls, exc: HubError) -> PartError:
        """The report form of a `HubError`."""
        return cls(
            kind=exc.kind,
            message=exc.message,
            status=exc.status,
            request_id=exc.request_id,
            retry_after_s=exc.retry_after_s,
        )


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
    private: bool = Field(False, exclude=True, repr=False)  # only to drop private items

    @field_validator("private", mode="before")
    @classmethod
    def _null_is_false(cls, value: object) -> object:
        return False if value is None else value

    @model_validator(mode="after")
    def _hub_url(self, info: ValidationInfo) -> Self:
        if not self.url and isinstance(info.context, dict) and "url_prefix" in info.context:
            plain = _PLAIN_ID.fullmatch(self.id)
            self.url = info.context["url_prefix"] + (self.id if plain else quote(self.id, safe="/"))
        return self


class SpaceItem(RepoItem):
    """One public Space; `stage` is the Hub's runtime stage, kept as an open string."""

    stage: str | None = Field(
        None, validation_alias=AliasChoices("stage", AliasPath("runtime", "stage"))
    )
    disabled: bool = False

    @field_validator("disabled", mode="before")
    @classmethod
    def _null_disabled(cls, value: object) -> object:
        return False if value is None else value


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
        return f"{self.count}+" if self.capped else str(self.count)


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
    models: RepoList[RepoItem] = Field(default_factory=RepoList[RepoItem])
    datasets: RepoList[RepoItem] = Field(default_factory=RepoList[RepoItem])
    spaces: RepoList[SpaceItem] = Field(default_factory=RepoList[SpaceItem])
    verdict: Verdict
    checked_at: datetime
    duration_s: float
    cached: bool = False
    age_s: float | None = None

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
        return self.profile_error is None and all(lst.error is None for _, lst in self.repo_lists())

    def paused_spaces(self) -> int:
        """Listed Spaces whose stage is PAUSED."""
        return sum(1 for s in self.spaces.items if (s.stage or "").upper() == "PAUSED")

    def disabled_spaces(self) -> int:
        """Listed Spaces marked disabled."""
        return sum(1 for s in self.spaces.items if s.disabled)

    def breakdown(self) -> str:
        """Counts per type, e.g. "3 models, 1 dataset, 10 Spaces: 8 paused"."""
        parts = [
            _plural(self.models, "model", "models"),
            _plural(self.datasets, "dataset", "datasets"),
            _plural(self.spaces, "Space", "Spaces"),
        ]
        space_notes = [
            f"{n} {label}"
            for n, label in ((self.paused_spaces(), "paused"), (self.disabled_spaces(), "disabled"))
            if n
        ]
        if space_notes:
            parts[2] += ": " + ", ".join(space_notes)
        return ", ".join(parts)

    def public_repos_text(self) -> str:
        """E.g. "14 public repos", "1 public repo", "1000+ public repos"."""
        capped = any(lst.capped for _, lst in self.repo_lists())
        noun = "repo" if self.public_count == 1 and not capped else "repos"
        return f"{self.public_count}{'+' if capped else ''} public {noun}"

    def summary_line(self) -> str:
        """One line for emails and embeds, e.g. "14 public repos reachable (3 models,
        1 dataset, 10 Spaces: 8 paused)"."""
        if self.public_count:
            line = f"{self.public_repos_text()} reachable ({self.breakdown()})"
        elif self.profile_reachable:
            line = "profile reachable, no public repos listed"
        elif self.kind == "unknown":
            line = "no public repos listed"
        else:
            line = "nothing publicly visible (no profile, no public repos)"
        failed = self.failed_parts()
        if failed:
            line += "; could not check: " + ", ".join(failed)
        return line

    def part_errors(self) -> list[tuple[str, PartError]]:
        """The parts that failed, by plain name ("profile", "models", "datasets", "Spaces"),
        with their errors, in a fixed order."""
        parts = [("profile", self.profile_error)]
        parts += [
            (f"{t}s" if t != "space" else "Spaces", lst.error) for t, lst in self.repo_lists()
        ]
        return [(name, error) for name, error in parts if error is not None]

    def failed_parts(self) -> list[str]:
        """Plain names of the parts that failed."""
        return [name for name, _ in self.part_errors()]


def _plural(lst: RepoList[RepoItem] | RepoList[SpaceItem], one: str, many: str) -> str:
    return f"{lst.shown_count()} {one if lst.count == 1 and not lst.capped else many}"
