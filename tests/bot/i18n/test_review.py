"""Corrections from a native reader's review, pinned so a later regeneration cannot undo them."""

from __future__ import annotations

import pytest

from bot.check.wording import minutes
from bot.i18n import t, use_language
from bot.i18n.catalogues import read_catalogue
from bot.reminders.wording import WORDS
from bot.waves.wording import HUB_LIMITED, RESET

PINNED = [
    # ru: the repo (not the access) may have been made private...; "postpone by N days"
    ("ru", "{text}; it may be private, disabled, renamed or deleted.",
     "{text}. Возможно, репозиторий сделали приватным, отключили, переименовали или удалили."),
    ("ru", "#{case} remind {days} later", "#{case}: отложить на {days}"),
    # tr: "restored" is the account opened again, not a case reopened; private repos are "özel"
    ("tr", "restored", "hesap geri açıldı"),
    ("tr", "Private repos", "Özel repolar"),
]  # fmt: skip


@pytest.mark.parametrize(("language", "english", "translated"), PINNED)
def test_reviewed_translations_stay(language, english, translated):
    message = read_catalogue(language).get(english)
    assert message is not None and message.string == translated


@pytest.mark.parametrize("language", ["fr", "ja", "ru"])
def test_terminating_an_account_is_not_deleting_it(language):
    deleted = {"fr": "supprim", "ja": "削除", "ru": "удал"}[language]
    texts = [
        m.string
        for m in read_catalogue(language)
        if isinstance(m.id, str) and "terminate" in m.id and isinstance(m.string, str)
    ]
    assert texts and all(deleted not in text for text in texts)


def test_turkish_says_direct_messages_as_its_discord_client_does():
    texts = [m.string for m in read_catalogue("tr") if isinstance(m.string, str)]
    assert any("Doğrudan Mesajlar" in text for text in texts)
    assert not any("gizli repo" in text.lower() for text in texts)


def test_a_follow_up_says_which_of_how_many_in_turkish():
    followup = next(
        m.string for m in read_catalogue("tr")
        if isinstance(m.id, str) and "Here is follow-up {number} of {max}" in m.id
    )  # fmt: skip
    assert isinstance(followup, str) and "{max} içinden {number}" in followup
    assert "en fazla" not in followup


def test_french_names_the_draft_button_as_the_button_reads():
    catalogue = read_catalogue("fr")
    button = catalogue.get("Send me the draft")
    assert button is not None and button.string == "M'envoyer le brouillon"
    mentions = [
        m.string for m in catalogue
        if isinstance(m.id, str) and "**Send me the draft**" in m.id and isinstance(m.string, str)
    ]  # fmt: skip
    assert mentions and all("**M'envoyer le brouillon**" in text for text in mentions)


def test_korean_moved_reminder_is_a_sentence():
    message = read_catalogue("ko").get("The reminder of case {ref} is now on {due}.")
    assert message is not None and message.string == "케이스 {ref}의 알림이 이제 {due}에 와요."


@pytest.mark.parametrize(
    ("language", "wrong", "button"),
    [("pt_BR", "até em", None), ("hi", "में तक", None), ("id", "sampai dalam", None),
     ("es", "dentro de", "posponer"), ("tr", "sonra hatırlat", "ertele"), ("ja", "後にリマインド", "延ばす")],
)  # fmt: skip
def test_the_quota_reset_and_the_move_button_read_as_one_phrase(language, wrong, button):
    with use_language(language):
        reset = t(HUB_LIMITED, reset=t(RESET, minutes=minutes(300)), waiting=4)
        move = t(WORDS["move_button"], case=12, days=3)
    assert wrong not in reset + move
    assert button is None or button in move  # "postpone by N days", not "remind in N days"


def test_russian_keeps_обращение_for_the_bot_s_own_cases():
    """Hugging Face's tickets are "тикеты"; the bot's cases are "обращения", never "обращения в
    поддержку" (which reads as a ticket to Hugging Face)."""
    catalogue = read_catalogue("ru")
    texts = [m.string for m in catalogue if isinstance(m.string, str)]
    assert not any("обращения в поддержку" in text for text in texts)
    mine = catalogue.get("Your support cases", context="group_description")
    assert mine is not None and mine.string == "Ваши обращения"
