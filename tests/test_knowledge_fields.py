"""Every field of the knowledge file is read by the code that shows it (draft, routing,
backup, `/appeal`, `/precedents`): a field nothing reads would be advice nobody sees."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

from pydantic import BaseModel

import bot.knowledge
from bot.appeal.draft import draft_appeal
from bot.appeal.inputs import AppealInput
from bot.backup.plan import build_backup_plan
from bot.check.models import AccountReport, Verdict
from bot.knowledge import Knowledge, load_knowledge
from cogs.appeal.commands import signal_options
from cogs.appeal.embeds import draft_embed
from cogs.check.embeds import backup_embed
from cogs.precedents.commands import precedents_embed

TODAY = date(2026, 11, 25)


def _fields(model: BaseModel) -> Iterator[tuple[str, str]]:
    """`(model class, field)` for every field of `model` and of the models inside it."""
    for name in type(model).model_fields:
        yield type(model).__name__, name
        value = getattr(model, name)
        for item in value if isinstance(value, tuple) else (value,):
            if isinstance(item, BaseModel):
                yield from _fields(item)


def _show_everything(knowledge: Knowledge) -> None:
    """What the bot shows from the knowledge file: drafts of every stage and case, the backup
    plan, the `/appeal` choices and `/precedents`."""
    cases: list[dict[str, object]] = [
        {"formal": True},
        {"lock_message": "Write to safety@huggingface.co"},
        {"signals": [s.id for s in knowledge.signals]},
        {"contacted": {"safety": "recent"}},
        {"contacted": {"website": "old"}},
    ]
    for fields in cases:
        inp = AppealInput.parse({"account": "alice", **fields}, knowledge=knowledge)
        draft_embed(draft_appeal(inp, knowledge=knowledge, followup_days=5, today=TODAY), "alice")
    report = AccountReport(
        account="alice",
        kind="user",
        profile_reachable=True,
        verdict=Verdict(code="visible", explanation="Still public."),
        checked_at=datetime(2026, 11, 25, tzinfo=UTC),
        duration_s=0.1,
    )
    backup_embed(build_backup_plan(report))
    signal_options(knowledge)
    precedents_embed(knowledge)


def test_every_field_of_the_knowledge_file_is_read(monkeypatch):
    knowledge = load_knowledge()  # loaded (and validated) before reads are recorded
    expected = set(_fields(knowledge))
    read: set[tuple[str, str]] = set()
    plain = BaseModel.__getattribute__

    def recording(self: BaseModel, name: str) -> object:
        if name in type(self).model_fields:
            read.add((type(self).__name__, name))
        return plain(self, name)

    monkeypatch.setattr(bot.knowledge._Strict, "__getattribute__", recording)
    _show_everything(knowledge)
    monkeypatch.undo()
    assert expected - read == set()
    assert ("Contact", "send_from") in read and ("Advice", "text") in read  # the test can see


def test_the_check_sees_a_field_nothing_reads(monkeypatch):
    """The recorder is not blind: a field only the test itself reads stays unread."""
    knowledge = load_knowledge()
    read: set[str] = set()
    plain = BaseModel.__getattribute__

    def recording(self: BaseModel, name: str) -> object:
        if name in type(self).model_fields:
            read.add(name)
        return plain(self, name)

    monkeypatch.setattr(bot.knowledge._Strict, "__getattribute__", recording)
    knowledge.precedents[0].title  # noqa: B018 - only this read is recorded
    monkeypatch.undo()
    assert read == {"precedents", "title"}
