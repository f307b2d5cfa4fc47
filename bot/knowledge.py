"""The knowledge base (`data/knowledge.toml`), validated by pydantic models.

Load it with `load_knowledge()`; a broken file raises `KnowledgeError` naming the path and field.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Self
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from bot.paths import data_file

EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DOMAIN = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+")


def _email(value: str) -> str:
    if not EMAIL_RE.fullmatch(value):
        raise ValueError("must be an email address such as name@example.org")
    return value.lower()


def _https(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.hostname or any(c.isspace() for c in value):
        raise ValueError("must be an https:// link")
    return value


def _kebab(value: str) -> str:
    if not _KEBAB.fullmatch(value):
        raise ValueError("must be kebab-case (lower-case letters, digits and single hyphens)")
    return value


def _domain(value: str) -> str:
    if not _DOMAIN.fullmatch(value):
        raise ValueError("must be a lower-case domain name such as example.org")
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
Email = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_email)]
HttpsLink = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_https)]
Slug = Annotated[str, AfterValidator(_kebab)]
Domain = Annotated[str, AfterValidator(_domain)]


# The attribute each list of the knowledge file must not repeat, and how errors name it.
_UNIQUE_KEYS = {
    "signals": ("id", "signal id"),
    "precedents": ("link", "precedent link"),
    "advice": ("id", "advice id"),
    "recovery": ("id", "recovery id"),
}


ONE_TICKET_ADVICE = "one-ticket"
"""The advice the draft's checklist and the person's case updates repeat."""
_ADVICE_USED = (ONE_TICKET_ADVICE,)


def _unique(values: Iterable[str], what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"duplicate {what} {value!r}")
        seen.add(value)


class KnowledgeError(Exception):
    """The knowledge file is missing, not TOML, or does not match the schema."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RecoveryExpectation(_Strict):
    """What can be recovered of one kind of data, and how."""

    id: str
    case: str
    expectation: str
    copy_now: bool


class ContactRoute(_Strict):
    """One Hugging Face address and when to write to it."""

    id: Slug
    address: Email
    use_when: Text


class Contact(_Strict):
    """The addresses, the routing roles (each a route id) and the rules for writing."""

    official_domain: Domain
    first: Slug
    follow_up: Slug
    safety: Slug
    formal: Slug
    send_from: Text
    named_address: Text
    routes: tuple[ContactRoute, ...]

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _unique((r.id for r in self.routes), "route id")
        _unique((r.address for r in self.routes), "route address")
        ids = {r.id for r in self.routes}
        for role in ("first", "follow_up", "safety", "formal"):
            if getattr(self, role) not in ids:
                raise ValueError(f"{role} names unknown route {getattr(self, role)!r}")
        return self

    def route(self, route_id: str) -> ContactRoute:
        """The route with this id (`KeyError` when there is none)."""
        for route in self.routes:
            if route.id == route_id:
                return route
        raise KeyError(route_id)

    def by_address(self, address: str) -> ContactRoute | None:
        """The route whose address this is (case-insensitive), if any."""
        address = address.strip().lower()
        return next((r for r in self.routes if r.address == address), None)


class ContentPolicy(_Strict):
    """The Content Policy section that Space experiments can overlap with."""

    url: HttpsLink
    section: Text
    themes: tuple[Text, ...]
    note: Text


class Signal(_Strict):
    """An activity worth mentioning: stable id, select-menu label, sentence for the email."""

    id: Slug
    label: Label
    fragment: Text


class Precedent(_Strict):
    """A public case of a locked account, with a link and why it is relevant."""

    title: Text
    link: HttpsLink
    what_happened: Text
    why_it_matters: Text


class Advice(_Strict):
    """One line of advice, with a stable id."""

    id: Slug
    text: Text


class Knowledge(_Strict):
    """Everything in the knowledge file."""

    contact: Contact
    policy: ContentPolicy
    signals: tuple[Signal, ...]
    precedents: tuple[Precedent, ...]
    advice: tuple[Advice, ...]
    recovery: tuple[RecoveryExpectation, ...]

    @field_validator("signals", "precedents", "advice", "recovery")
    @classmethod
    def _unique_keys(cls, value: tuple[BaseModel, ...], info: ValidationInfo) -> Any:
        attribute, what = _UNIQUE_KEYS[str(info.field_name)]
        _unique((getattr(item, attribute) for item in value), what)
        return value

    @model_validator(mode="after")
    def _advice_used(self) -> Self:
        ids = {a.id for a in self.advice}
        for advice_id in _ADVICE_USED:
            if advice_id not in ids:
                raise ValueError(f"advice {advice_id!r} is missing; the bot shows it")
        return self

    def advice_text(self, advice_id: str) -> str:
        """The text of the advice with this id (`KeyError` when there is none)."""
        for advice in self.advice:
            if advice.id == advice_id:
                return advice.text
        raise KeyError(advice_id)

    def signal(self, signal_id: str) -> Signal:
        """The signal with this id (`KeyError` when there is none)."""
        for signal in self.signals:
            if signal.id == signal_id:
                return signal
        raise KeyError(signal_id)

    @property
    def signal_ids(self) -> tuple[str, ...]:
        """Every signal id, in file order."""
        return tuple(s.id for s in self.signals)


def parse_knowledge(path: Path) -> Knowledge:
    """Read and validate a knowledge file."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise KnowledgeError(f"{path}: cannot read knowledge file: {exc}") from None
    try:
        return Knowledge.model_validate(raw)
    except ValidationError as exc:
        details = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(top level)'}: {err['msg']}"
            for err in exc.errors()
        )
        raise KnowledgeError(f"{path}: invalid knowledge file: {details}") from None


@cache
def load_knowledge() -> Knowledge:
    """The shipped knowledge base, loaded once per process."""
    return parse_knowledge(data_file("knowledge.toml"))
