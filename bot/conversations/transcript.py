"""A case as one self-contained HTML page: summary, timeline and DM conversation.

Safe to open anywhere: every typed text is escaped (`html.escape`), shown with `dir="auto"`
inside `<bdi>`-like blocks so bidi controls cannot reorder the page, and a Content Security
Policy meta forbids scripts, images, fonts, frames, forms and every load from outside; the one
stylesheet is inline, allowed by its hash. Laid out for a phone first (one column, viewport meta).
"""

from __future__ import annotations

import base64
import hashlib
import html
from datetime import datetime

from bot.cases.models import Case, Event, EventKind
from bot.cases.scope import Scope
from bot.cases.store import CaseStore
from bot.cases.wording import EVENT_LABELS, EVENT_WORDS
from bot.conversations.models import ConversationMessage, Direction
from bot.conversations.store import ConversationStore
from bot.conversations.wording import TRANSCRIPT
from bot.i18n import current_language, number, t

STYLE = """
body{margin:0;padding:12px;font:16px/1.45 system-ui,sans-serif;background:#fff;color:#111}
main{max-width:42rem;margin:0 auto}
h1{font-size:1.25rem;margin:.2rem 0 .5rem}h2{font-size:1.05rem;margin:1.2rem 0 .4rem}
ol{list-style:none;margin:0;padding:0}
li{margin:0 0 .6rem;padding:.5rem .6rem;border-radius:8px;background:#f2f3f5}
li.out{background:#e6f0ff}li.event{background:#f8f8f8;font-size:.92rem}
.meta{font-size:.82rem;color:#555}
.text{white-space:pre-wrap;overflow-wrap:anywhere;margin:.2rem 0 0}
footer{margin-top:1.5rem;font-size:.8rem;color:#555}
""".strip()
STYLE_HASH = base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
CSP = (
    "default-src 'none'; script-src 'none'; img-src 'none'; font-src 'none'; "
    f"style-src 'sha256-{STYLE_HASH}'; base-uri 'none'; form-action 'none'"
)
_TYPED_KEYS = ("text", "lock_message", "reason")
MAX_EVENTS = 2000
MAX_MESSAGES = 5000


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _when(at: datetime) -> str:
    return f"{at:%Y-%m-%d %H:%M} UTC"


def _typed(text: str) -> str:
    return f'<p class="text" dir="auto">{_e(text)}</p>' if text else ""


def _event(event: Event) -> str:
    label = EVENT_LABELS.get(event.kind.value)
    kind = t(label) if label else event.kind.value
    actor = t(EVENT_WORDS["by"], actor=event.actor_id) if event.actor_id else ""
    p = event.payload
    detail = ""
    if event.kind == EventKind.STATUS_CHANGED:
        detail = f": {p.get('from')} → {p.get('to')}"
    elif event.kind == EventKind.APPEAL_DRAFTED and p.get("to"):
        detail = ": " + t(EVENT_WORDS["to"], to=p.get("to"))
    typed = "".join(_typed(str(p[k])) for k in _TYPED_KEYS if isinstance(p.get(k), str))
    return (
        f'<li class="event"><div class="meta">{_e(_when(event.created_at))}</div>'
        f"<div>{_e(kind + actor + detail)}</div>{typed}</li>"
    )


def _message(message: ConversationMessage) -> str:
    out = message.direction == Direction.OUT
    who = t(TRANSCRIPT["from_moderator" if out else "from_person"])
    if out and message.signed:
        who += " · " + t(TRANSCRIPT["signed"], name=message.signed)
    if message.author_id:
        who += f" ({message.author_id})"
    files = "".join(
        f'<p class="text" dir="auto">{_e(t(TRANSCRIPT["attachment"], name=a.name, size=_kb(a.size)))}'
        f"<br>{_e(a.url)}</p>"
        for a in message.attachments
    )
    return (
        f'<li class="{"out" if out else "in"}"><div class="meta">{_e(_when(message.created_at))}'
        f" · {_e(who)}</div>{_typed(message.text)}{files}</li>"
    )


def _kb(size: int) -> str:
    """Kilobytes with one decimal, as the reader's language writes them ("2.5", "2,5")."""
    return number(round(max(size, 0) / 1024, 1))


def render_transcript(
    case: Case,
    events: list[Event],
    messages: list[ConversationMessage],
    *,
    now: datetime,
    purged: bool = False,
) -> str:
    """The HTML page of a case, in the current language (`bot.i18n.use_language`)."""
    title = t(TRANSCRIPT["title"], ref=case.ref, account=case.hf_account)
    summary = t(
        TRANSCRIPT["summary"],
        status=case.status_label,
        opened=_when(case.created_at),
        updated=_when(case.updated_at),
    )
    talk = "".join(_message(m) for m in messages) or f"<li>{_e(t(TRANSCRIPT['no_messages']))}</li>"
    lang = current_language().replace("_", "-")
    note = f"<p>{_e(t(TRANSCRIPT['purged']))}</p>" if purged else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{_e(lang)}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{_e(title)}</title><style>{STYLE}</style></head>"
        f'<body><main><h1 dir="auto">{_e(title)}</h1><p>{_e(summary)}</p>{note}'
        f"<h2>{_e(t(TRANSCRIPT['conversation']))}</h2><ol>{talk}</ol>"
        f"<h2>{_e(t(TRANSCRIPT['timeline']))}</h2><ol>{''.join(_event(e) for e in events)}</ol>"
        f"<footer>{_e(t(TRANSCRIPT['made'], when=_when(now)))}</footer></main></body></html>\n"
    )


async def case_transcript(
    cases: CaseStore, talks: ConversationStore, case_id: int, scope: Scope, *, now: datetime
) -> str:
    """The transcript of a case in `scope` (raises `CaseNotFound` otherwise)."""
    case = await cases.require_case(case_id, scope)
    row = await cases.db.fetchone("SELECT purged_at FROM cases WHERE id = ?", (case.id,))
    purged = row is not None and row["purged_at"] is not None
    events = await cases.events(case.id, limit=MAX_EVENTS)
    messages = await talks.messages(case.id, limit=MAX_MESSAGES)
    return render_transcript(case, events, messages, now=now, purged=purged)
