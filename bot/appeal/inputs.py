"""What a person tells us for an appeal, validated: `AppealInput.parse()` checks the form's
fields (friendly `AppealInputError`, `describe_errors` in the person's language) and normalises
links. Pure: no I/O, no clock."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any, get_args
from urllib.parse import urlsplit, urlunsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from bot.accounts import HUB_HOSTS, InvalidAccount, parse_account
from bot.appeal.limits import (
    LINK_LIMIT,
    MAX_LINKS,
)
from bot.appeal.stages import Approximate, Sent
from bot.appeal.wording import (
    FIELD_LABELS,
    FORM_ERRORS,
)
from bot.i18n import english, listing, t
from bot.knowledge import EMAIL_RE, Knowledge, load_knowledge
from bot.text import strip_hidden


class AppealInputError(ValueError):
    """The appeal input is invalid; `str()` is one friendly line naming the field, in the
    language current when it was raised."""


class FormProblem(ValueError):
    """What is wrong with one field: `str()` in English, `text()` in the current language."""

    def __init__(self, reason: str, /, **values: object) -> None:
        self.reason, self.values = reason, values
        super().__init__(english(FORM_ERRORS[reason], **values))

    def text(self) -> str:
        """The problem in the current language."""
        return t(FORM_ERRORS[self.reason], **self.values)


def normalize_link(text: str) -> str:
    """An http(s) URL as given, but Hub links (hf.co, ...) as `https://huggingface.co/...`."""
    raw = strip_hidden(text, multiline=False).strip()
    shown = raw if len(raw) <= 60 else raw[:57] + "..."
    if not raw or any(c.isspace() for c in raw) or len(raw) > LINK_LIMIT:
        problem = "link_too_long" if len(raw) > LINK_LIMIT else "link_not_single"
        raise FormProblem(problem, shown=repr(shown))
    if "://" not in raw and raw.split("/", 1)[0].lower() in HUB_HOSTS:
        raw = "https://" + raw
    try:
        parts = urlsplit(raw)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        raise FormProblem("link_invalid", shown=repr(shown)) from None
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise FormProblem("link_not_link", shown=repr(shown))
    if host in HUB_HOSTS:
        return urlunsplit(("https", "huggingface.co", parts.path.rstrip("/"), parts.query, ""))
    return raw


def _link_or_blank(text: str) -> str:
    return normalize_link(text) if text.strip() else ""


_Link = Annotated[str, AfterValidator(_link_or_blank)]


def _knowledge(info: ValidationInfo) -> Knowledge:
    given = info.context.get("knowledge") if isinstance(info.context, dict) else None
    return given if isinstance(given, Knowledge) else load_knowledge()


class AppealInput(BaseModel):
    """What the person told us. Text fields are cut to size later, by `draft_appeal`, with a
    visible marker and a warning; `contacted` maps a route id (or another address) to when the
    email was sent: its date, "recent" or "old" (measured in follow-up days, see
    `bot.appeal.stages.Approximate`), or `None` when not known."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    account: str
    lock_message: str = ""
    links: tuple[_Link, ...] = ()
    activity: str = ""
    signals: tuple[str, ...] = ()
    contacted: dict[str, Sent] = Field(default_factory=dict)
    formal: bool = False

    @classmethod
    def parse(cls, data: Mapping[str, Any], *, knowledge: Knowledge | None = None) -> AppealInput:
        """Validate `data`; raise `AppealInputError` with a friendly message when it is wrong."""
        context = {"knowledge": knowledge} if knowledge is not None else None
        try:
            return cls.model_validate(dict(data), context=context)
        except ValidationError as exc:
            raise AppealInputError(describe_errors(exc)) from None

    @field_validator("account")
    @classmethod
    def _account(cls, value: str) -> str:
        return parse_account(value)

    @field_validator("lock_message", "activity", mode="before")
    @classmethod
    def _optional_text(cls, value: object) -> object:
        return "" if value is None else value

    @field_validator("links")
    @classmethod
    def _links(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unique = tuple(dict.fromkeys(link for link in value if link))
        if len(unique) > MAX_LINKS:
            raise FormProblem("too_many_links", count=MAX_LINKS)
        return unique

    @field_validator("signals")
    @classmethod
    def _signals(cls, value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        known = _knowledge(info).signal_ids
        wanted = tuple(dict.fromkeys(v.strip().lower() for v in value))
        for signal in wanted:
            if signal not in known:
                raise FormProblem("unknown_signal", signal=repr(signal), known=listing(known))
        return wanted

    @field_validator("contacted", mode="before")
    @classmethod
    def _contacted_when(cls, value: object) -> object:
        if isinstance(value, Mapping):
            for key, sent in value.items():
                if isinstance(sent, str) and sent not in get_args(Approximate):
                    try:
                        date.fromisoformat(sent)
                    except ValueError:
                        raise FormProblem(
                            "contact_date",
                            key=repr(str(key)[:40]),
                            choices=" or ".join(map(repr, get_args(Approximate))),
                            sent=repr(sent[:40]),
                        ) from None
        return value

    @field_validator("contacted")
    @classmethod
    def _contacted(cls, value: dict[str, Sent], info: ValidationInfo) -> dict[str, Sent]:
        contact = _knowledge(info).contact
        ids = [r.id for r in contact.routes]
        out: dict[str, Sent] = {}
        for key, sent in value.items():
            name = strip_hidden(key, multiline=False).strip().lower()
            route = contact.by_address(name)
            if route is not None:
                name = route.id
            elif name not in ids and not EMAIL_RE.fullmatch(name):
                raise FormProblem("contact_unknown", key=repr(key), ids=listing(ids, alternatives=True))
            out[name] = _latest(out.get(name), sent)
        return out


def _latest(one: Sent, other: Sent) -> Sent:
    """Of two accounts of the same email, the one that makes the follow-up wait longest."""
    if isinstance(one, date) and isinstance(other, date):
        return max(one, other)
    return other if _rank(other) > _rank(one) else one


def _rank(sent: Sent) -> int:
    if isinstance(sent, date):
        return 2
    return {None: 0, "old": 1, "recent": 3}[sent]


def describe_errors(exc: ValidationError) -> str:
    """One friendly line for a validation error of `AppealInput`, in the current language
    (pydantic's own messages, for input the forms never send, stay English)."""
    parts = []
    for err in exc.errors():
        loc = [str(p) for p in err["loc"]]
        cause = err.get("ctx", {}).get("error")
        if isinstance(cause, FormProblem | InvalidAccount):
            problem = cause.text()
        else:
            problem = str(err["msg"]).removeprefix("Value error, ")
        parts.append(t(FORM_ERRORS["field"], field=_field_label(loc), problem=problem))
    return "; ".join(parts)


def _field_label(loc: list[str]) -> str:
    """ "account", "link 2", ... in the current language; a field not in the form as named."""
    if not loc:
        return t(FORM_ERRORS["input"])
    if loc[0] == "links" and len(loc) > 1 and loc[1].isdigit():
        return t(FORM_ERRORS["numbered"], number=int(loc[1]) + 1)
    return t(FIELD_LABELS[loc[0]]) if loc[0] in FIELD_LABELS else loc[0]
