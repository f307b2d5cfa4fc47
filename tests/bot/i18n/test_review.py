"""Corrections from a native reader's review, pinned so a later regeneration cannot undo them."""

from __future__ import annotations

import pytest

from bot.i18n.catalogues import read_catalogue

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
