"""Turn what a worried person pastes (a name, `@name`, a profile or repo link, a repo id) into a
Hugging Face account name, or explain in one friendly line why it cannot be one.

Accepted: `name`, `@name`, `name/repo`, `spaces/name/app`, links on huggingface.co, www.
huggingface.co or hf.co (with or without `https://`) in every form huggingface_hub builds: the
type prefixes of its `constants.REPO_TYPES_MAPPING` (`datasets/`, `spaces/`, `models/`,
`kernels/`), `/jobs/OWNER/ID` pages (`_jobs_api.py` `JobInfo.url`), `.git` clone URLs,
`resolve/`, `blob/`, `tree/` file paths, and `hf://` URIs (`constants.HF_PROTOCOL`, with an
`@revision`).
Names follow `huggingface_hub.utils.validate_repo_id` exactly (`is_valid_name`): ASCII letters,
digits, `-`, `_`, `.`; no `-` or `.` at either end (`_` may be there), no `--` or `..`, not ending
in `.git`, at most `MAX_NAME_LENGTH` characters. The site's own pages (`_RESERVED`) and type
prefixes are refused as names although that function accepts them: a link to them is not an
account.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

from huggingface_hub.constants import HF_PROTOCOL, HF_URI_TYPE_PREFIXES, REPO_TYPES_MAPPING

from bot.check.repo_types import BY_PLURAL, RepoType
from bot.i18n import english, t

MAX_NAME_LENGTH = 96
MAX_INPUT_LENGTH = 500

NAME_RE = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9_])?")
r"""The whole-string pattern every accepted name matches (with no `--` and no `..` in it, not
ending in `.git`): `validate_repo_id`'s `REPO_ID_REGEX` for one part, `[\w\-.]{1,96}` between
word boundaries (ASCII), so a word character, `_` included, at either end."""

HUB_HOSTS = frozenset({"huggingface.co", "www.huggingface.co", "hf.co"})
# First path segments after which the account name follows: /spaces/<name>/<app>, ...: the
# repo type prefixes huggingface_hub knows (constants.REPO_TYPES_MAPPING, kernels included), the
# hf:// URI ones (constants.HF_URI_TYPE_PREFIXES) and the site's other owner-first pages (jobs
# pages are /jobs/OWNER/ID, _jobs_api.py `JobInfo.url`).
_TYPE_PREFIXES = frozenset(
    {*REPO_TYPES_MAPPING, *HF_URI_TYPE_PREFIXES, "organizations", "collections", "jobs"}
)
# Site pages that are not accounts.
_RESERVED = frozenset(
    {
        "docs",
        "blog",
        "settings",
        "login",
        "join",
        "pricing",
        "api",
        "papers",
        "learn",
        "tasks",
        "new",
        "new-space",
        "new-dataset",
        "search",
        "notifications",
        "welcome",
        "posts",
        "chat",
        "enterprise",
        "terms-of-service",
        "privacy",
        "content-policy",
        "inference-endpoints",
    }
)
_OTHER_HOST_RE = re.compile(
    r"^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.(com|org|net|io|ai|dev|app|co|me|gg)$"
)
_QUOTES = (("<", ">"), ("`", "`"), ('"', '"'), ("'", "'"))


REASONS = {
    "not_text": "Please paste an account name, like `alice` or `@alice`.",
    "too_long_input": "That is {length} characters long; a Hugging Face account name has at most {limit}. Please paste just the name or the profile link.",
    "empty": "That was empty. Please paste an account name, like `alice`.",
    "space": "That contains a space or line break. An account name has none: paste only the name, like `alice`, or the profile link.",
    "control": "That contains an invisible control character. Please type the account name by hand.",
    "not_ascii": "That contains {char} ({name}, {code}), which is not a plain ASCII letter; it may be a look-alike. Please type the account name by hand.",
    "unreadable": "That link could not be read. Please paste the huggingface.co profile link or just the account name.",
    "other_site": "That link is not on huggingface.co. Please paste a huggingface.co profile or repo link, or just the account name.",
    "only_at": "That was only `@`. Please add the account name, like `@alice`.",
    "other_host": "That looks like a link to {host}, not to huggingface.co. Please paste a huggingface.co link or just the account name.",
    "empty_part": "That has an empty part between slashes. Please paste `name`, `name/repo` or a huggingface.co link.",
    "too_many_parts": "That has too many parts. Please paste `name`, `name/repo` or a huggingface.co link.",
    "dots": "That contains `.` or `..` path pieces, which are not part of an account name. Please paste just the name or the profile link.",
    "home_page": "That link points to the Hugging Face home page, not to an account. Please add the account name, like `https://huggingface.co/alice`.",
    "listing": "That link points to the {listing} listing, not to an account. Please paste the account's page or one of its repos.",
    "site": "{name} is the site's own address, not an account. Please paste the account's profile link or its name.",
    "reserved": "That link points to the Hugging Face {name} pages, not to an account. Please paste the account's profile link or its name.",
    "link_only_at": "That link has only `@` where the name should be. Please add the name.",
    "too_long": "That name is {length} characters long; Hugging Face names have at most {limit}.",
    "bad_chars": "`{name}` contains {shown}; account names use only letters, digits, `-`, `_` and `.`.",
    "edges": "`{name}` starts or ends with `-` or `.`, which Hugging Face names never do. Please check for a stray character.",
    "doubles": "`{name}` contains `--` or `..`, which Hugging Face names never do. Please check the spelling.",
    "invalid": "`{name}` is not a valid Hugging Face account name.",
}
"""Why a text is not an account, by key (English; `InvalidAccount.text()` translates)."""


class InvalidAccount(ValueError):
    """The text cannot be read as a Hugging Face account; `str()` is a one-line, friendly reason
    (English), `text()` the same in the current language."""

    def __init__(self, reason: str, **values: object) -> None:
        self.reason, self.values = reason, values
        super().__init__(english(REASONS[reason], **values))

    def text(self) -> str:
        """The reason in the current language."""
        return t(REASONS[self.reason], **self.values)


@dataclass(frozen=True)
class AccountInput:
    """What was pasted: the account name and, for a repo link, the repo's type and id."""

    name: str
    repo_type: RepoType | None = None
    repo_id: str | None = None


def parse_account(text: str) -> str:
    """The account name in `text` (case kept as typed), or raise `InvalidAccount`.

    Pure: never touches the network. Idempotent on valid names.
    """
    return parse_account_input(text).name


def parse_account_input(text: str) -> AccountInput:
    """Like `parse_account`, also recognising a link to a model, dataset or Space (or a
    `name/repo` id): its type and id come with the name. A repo part that is not a valid repo
    name is ignored (the account is still checked)."""
    if not isinstance(text, str):
        raise InvalidAccount("not_text")
    if len(text) > MAX_INPUT_LENGTH:
        raise InvalidAccount("too_long_input", length=len(text), limit=MAX_NAME_LENGTH)
    text = _unwrap(text.strip())
    if not text:
        raise InvalidAccount("empty")
    _check_characters(text)
    segments = _segments(text)
    name = _validate_name(_account_segment(segments))
    return _with_linked_repo(name, segments)


def _with_linked_repo(name: str, segments: list[str]) -> AccountInput:
    """`name` with the repo `segments` point to, if they are a repo link."""
    first = segments[0].lower()
    repo_type = BY_PLURAL.get(first)  # a bare `name/repo` is a model
    if first in _TYPE_PREFIXES and repo_type is None:
        return AccountInput(name)  # kernels, jobs, collections...: the account alone
    rest = segments[1:] if repo_type else segments
    if rest[:1] and rest[0].lower() in _RESERVED | _TYPE_PREFIXES:
        return AccountInput(name)
    repo = _repo_name(rest[1]) if len(rest) >= 2 else ""
    if not is_valid_name(repo):
        return AccountInput(name)
    return AccountInput(name, repo_type or "model", f"{name}/{repo}")


def _repo_name(segment: str) -> str:
    """A repo name as a link writes it: `NAME.git` (clone URL), `NAME@rev` (hf:// URI)."""
    return segment.split("@", 1)[0].removesuffix(".git")


def is_valid_name(name: str) -> bool:
    """Whether `name` follows the Hub's naming rules exactly (no normalisation)."""
    return (
        NAME_RE.fullmatch(name) is not None
        and "--" not in name
        and ".." not in name
        and not name.endswith(".git")
        and len(name) <= MAX_NAME_LENGTH
    )


def _unwrap(text: str) -> str:
    """Strip one pair of surrounding `<>`, backticks or quotes (Discord and Markdown habits)."""
    for left, right in _QUOTES:
        if len(text) >= 2 and text[0] == left and text[-1] == right:
            return text[1:-1].strip()
    return text


def _check_characters(text: str) -> None:
    for char in text:
        if char.isspace():
            raise InvalidAccount("space")
        if unicodedata.category(char) in {"Cc", "Cf"}:
            raise InvalidAccount("control")
        if not char.isascii():
            name = unicodedata.name(char, "unknown character").title()
            raise InvalidAccount("not_ascii", char=repr(char), name=name, code=f"U+{ord(char):04X}")


def _segments(text: str) -> list[str]:
    """The path segments of a Hub link, or of a plain `name` / `name/repo` id."""
    lowered = text.lower()
    if lowered.startswith(HF_PROTOCOL):  # hf://datasets/name/repo@rev/path
        return _no_dot_segments([s for s in text[len(HF_PROTOCOL) :].split("/") if s])
    if "://" in text:
        try:
            parts = urlsplit(text)
        except ValueError:
            raise InvalidAccount("unreadable") from None
        if parts.scheme.lower() not in {"http", "https"} or (parts.hostname or "") not in HUB_HOSTS:
            raise InvalidAccount("other_site")
        segments = [s for s in parts.path.split("/") if s]
        return _no_dot_segments(segments)
    if text.startswith("@"):
        text = text[1:]
        lowered = lowered[1:]
        if not text:
            raise InvalidAccount("only_at")
    first = lowered.split("/", 1)[0]
    if first in HUB_HOSTS:
        return _no_dot_segments(
            [s for s in text.split("?", 1)[0].split("#", 1)[0].split("/")[1:] if s]
        )
    if _OTHER_HOST_RE.match(first) and "/" in text:
        raise InvalidAccount("other_host", host=first)
    segments = _no_dot_segments(text.split("/"))
    if any(not s for s in segments):
        raise InvalidAccount("empty_part")
    body = segments[1:] if segments[0].lower() in _TYPE_PREFIXES else segments
    if len(body) > 2:
        raise InvalidAccount("too_many_parts")
    return segments


def _no_dot_segments(segments: list[str]) -> list[str]:
    if any(s in {".", ".."} for s in segments):
        raise InvalidAccount("dots")
    return segments


def _account_segment(segments: list[str]) -> str:
    if not segments:
        raise InvalidAccount("home_page")
    first = segments[0]
    if first.lower() in _TYPE_PREFIXES:
        if len(segments) < 2:
            raise InvalidAccount("listing", listing=first)
        return _not_reserved(segments[1])
    return _not_reserved(first)


def _not_reserved(name: str) -> str:
    """`name`, unless it is a site page or a listing: checked wherever the name is taken, so
    `spaces/CONTENT-POLICY` is refused like `CONTENT-POLICY`."""
    if name.lower() in HUB_HOSTS:  # `hf.co` typed alone reads as the site, so never a name
        raise InvalidAccount("site", name=name)
    if name.lower() in _RESERVED or name.lower() in _TYPE_PREFIXES:
        raise InvalidAccount("reserved", name=name)
    return name


def _validate_name(name: str) -> str:
    if name.startswith("@"):
        name = name[1:]
    if not name:
        raise InvalidAccount("link_only_at")
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidAccount("too_long", length=len(name), limit=MAX_NAME_LENGTH)
    bad = sorted({c for c in name if not (c.isalnum() or c in "-_.")})
    if bad:
        shown = " ".join(f"`{c}`" for c in bad)
        raise InvalidAccount("bad_chars", name=name, shown=shown)
    if name[0] in "-." or name[-1] in "-.":
        raise InvalidAccount("edges", name=name)
    if "--" in name or ".." in name:
        raise InvalidAccount("doubles", name=name)
    if not is_valid_name(name):  # defensive: every rule above is covered by the pattern
        raise InvalidAccount("invalid", name=name)
    return name
