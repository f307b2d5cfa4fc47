"""Numbers, lists, days and quantities as each language writes them: no fixed separator, no
"about less than a minute", no "мин..", real plural forms."""

from __future__ import annotations

import re
import string
from datetime import date
from pathlib import Path

import pytest

from bot.cases.wording import REFUSALS
from bot.check import wording as check_wording
from bot.check.wording import minutes
from bot.i18n import UNITS, listing, nt, number, t, use_language
from bot.i18n.catalogues import read_catalogue
from bot.i18n.locales import LANGUAGES
from bot.i18n.sources import all_messages, table_messages
from bot.i18n.tables import TABLES
from bot.reminders.wording import WORDS
from bot.waves.wording import USUAL

GROUPED = {  # 1500 as each language writes it (CLDR, through Babel)
    "en": "1,500", "de": "1.500", "es": "1.500", "pt_BR": "1.500", "tr": "1.500", "id": "1.500",
    "fr": "1\u202f500", "ru": "1\u00a0500",
}  # fmt: skip


@pytest.mark.parametrize(("language", "shown"), GROUPED.items())
def test_a_number_in_a_sentence_uses_the_languages_separator(language, shown):
    with use_language(language):
        assert number(1500) == shown
        text = t("{what} was longer than {limit} characters and was cut; the draft marks where.",
                 what="x", limit=1500)  # fmt: skip
    assert shown in text
    if language not in ("en",):
        assert "1,500" not in text


def test_identifiers_are_never_grouped():
    with use_language("de"):
        text = t("Note saved on case #{case_id}.", case_id=12345)
    assert "#12345" in text


def test_no_message_carries_a_number_format_of_its_own():
    """`{limit:,}` would print "1,500" in every language: numbers are formatted by `t()`."""
    spec = re.compile(r"\{[a-z_]+(?::[^}]*|![rsa])\}")
    texts = [text for m in all_messages() for text in ((m.id,) if isinstance(m.id, str) else m.id)]
    for language in LANGUAGES:
        for m in read_catalogue(language):
            if m.id:
                texts += [m.string] if isinstance(m.string, str) else list(m.string or ())
    assert [text for text in texts if spec.search(text)] == []


@pytest.mark.parametrize("language", ["zh_CN", "ja"])
def test_lists_in_chinese_and_japanese_use_their_own_separator(language):
    with use_language(language):
        joined = listing(["3 a", "1 b", "10 c"])
    assert ", " not in joined and "、" in joined


def test_a_list_of_alternatives_ends_with_or():
    with use_language("de"):
        assert listing(["a", "b", "c"], alternatives=True) == "a, b oder c"


@pytest.mark.parametrize("language", LANGUAGES)
def test_days_and_cases_are_whole_phrases_in_every_language(language):
    with use_language(language):
        for count in (1, 2, 5, 21, 1500):
            for key in UNITS:
                text = t(f"[{{{key}}}]", **{key: count})
                assert number(count) in text and text != f"[{number(count)}]", (key, text)


def test_russian_days_take_their_plural_forms():
    with use_language("ru"):
        assert [t("{days}", days=n) for n in (1, 3, 7, 21)] == ["1 день", "3 дня", "7 дней", "21 день"]
        assert minutes(12 * 60) == "около 12 минут"
        assert "дн." not in t("{days}", days=7) and "мин." not in minutes(300)


def test_no_message_writes_the_unit_after_a_quantity():
    """`{days}` is "7 days" already: "{days} days" would read "7 days days"."""
    after = re.compile(r"\{(days|waited|median_days|cases|events|new_cases)\}\s*(day|case|event|\()")
    about = re.compile(r"about \{minutes\}|\{minutes\} min")
    ids = [text for m in all_messages() for text in ((m.id,) if isinstance(m.id, str) else m.id)]
    assert [text for text in ids if after.search(text) or about.search(text)] == []


def test_a_day_in_guidance_is_written_as_the_language_writes_dates():
    with use_language("de"):
        assert number(5) == "5"
        assert t("[{send_after}]", send_after=date(2026, 12, 5)) == "[5. Dezember 2026]"
    with use_language("ja"):
        assert t("[{send_after}]", send_after=date(2026, 12, 5)) == "[2026年12月5日]"


def test_every_wording_table_gives_messages():
    """A table whose filter matched nothing once left the appeal guidance untranslated."""
    found = {m.where.split(":", 2)[0] + ":" + m.where.split(":", 2)[1] for m in table_messages()}
    assert [table.path for table in TABLES if table.path not in found] == []


QUEUE = (check_wording.QUEUED, check_wording.QUEUED_NO_DM, check_wording.ALREADY_QUEUED,
         check_wording.RESTARTING, check_wording.RESTARTED)  # fmt: skip
# every reminder sentence (not its buttons and list lines)
REMINDER_KEYS = (
    "followup", "ask_moderators", "scheduled", "dms_needed", "dm_check", "sent_noted",
    "already_noted", "cancelled", "moved", "no_reminder", "not_active", "no_draft", "not_yours",
    "refused", "dm_closed",
)  # fmt: skip
ENDS = re.compile(r"[^.。।!?！？]([.。।!?！？])$")


def _values(text: str, wait: str) -> dict[str, object]:
    fields = {name for _, name, _, _ in string.Formatter().parse(text) if name}
    given: dict[str, object] = {
        "position": 3, "minutes": wait, "account": "alice", "ref": "#1", "days": 7,
        "sent": date(2026, 1, 5), "due": date(2026, 1, 12), "last_sent": date(2026, 1, 5),
        "number": 1, "max": 2, "first_sent": date(2025, 12, 1),
        "reason": t(REFUSALS["move_days"], days=30),  # a real reason, in the reader's language
    }  # fmt: skip
    return {name: given.get(name, "x") for name in fields}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("seconds", [30, 60, 150, 300, 1260])
def test_queue_and_reminder_sentences_end_with_one_full_stop(language, seconds):
    with use_language(language):
        wait = minutes(seconds)
        texts = [t(m, **_values(m, wait)) for m in QUEUE]
        texts += [t(WORDS[key], **_values(WORDS[key], wait)) for key in REMINDER_KEYS]
    for text in texts:
        assert "about less" not in text and ".." not in text and "。。" not in text, text
        assert ENDS.search(text.rstrip()), text


def test_no_code_formats_a_number_with_a_fixed_separator():
    """f"{value:,}" prints "1,500" in every language: `number()` writes it as the reader's."""
    spec = re.compile(r"\{[A-Za-z_][\w.\[\]]*(?:![rsa])?:[^{}\s]*[,_][^{}\s]*\}")
    assert spec.search('f"{value:,}"') and not spec.search("{k: v for k, v in pairs}")
    root = Path(__file__).resolve().parents[3]
    found = [
        f"{path.relative_to(root)}: {match.group(0)}"
        for folder in ("bot", "cogs")
        for path in sorted((root / folder).rglob("*.py"))
        for match in spec.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


@pytest.mark.parametrize(
    ("window", "words"), [(1, "за 1 минуту"), (3, "за 3 минуты"), (30, "за 30 минут")]
)
def test_the_usual_pace_counts_minutes_in_russian_words(window, words):
    with use_language("ru"):
        text = nt(USUAL, window, usual="2", window=window, recent=5)
    assert words in text and "мин." not in text
