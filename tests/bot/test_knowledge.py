"""The knowledge file: loads, holds what the bot needs, and fails clearly when broken."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge import (
    Knowledge,
    KnowledgeError,
    RecoveryExpectation,
    load_knowledge,
    parse_knowledge,
)
from bot.paths import data_file

SHIPPED = data_file("knowledge.toml")
SIGNAL_IDS = {
    "duplicated-space",
    "automation",
    "keep-alive",
    "proxy-or-tunnel",
    "api-routing",
    "external-credentials",
    "large-uploads",
}


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return parse_knowledge(SHIPPED)


def test_load_knowledge_is_the_shipped_file_loaded_once(knowledge):
    assert load_knowledge() is load_knowledge()
    assert load_knowledge() == knowledge


def test_contact_routes_and_roles(knowledge):
    contact = knowledge.contact
    addresses = {r.id: r.address for r in contact.routes}
    assert addresses == {
        "website": "website@huggingface.co",
        "safety": "safety@huggingface.co",
        "legal": "legal@huggingface.co",
    }
    assert (contact.first, contact.follow_up, contact.safety, contact.formal) == (
        "website",
        "website",
        "safety",
        "legal",
    )
    assert contact.official_domain == "huggingface.co"
    assert contact.by_address(" Safety@HuggingFace.co ") == contact.route("safety")
    assert contact.by_address("someone@example.org") is None
    with pytest.raises(KeyError):
        contact.route("nope")
    assert "registered" in contact.send_from and "lock message" in contact.named_address
    assert "Content Policy" in contact.route("legal").use_when


def test_policy_themes(knowledge):
    policy = knowledge.policy
    assert policy.url == "https://huggingface.co/content-policy"
    joined = " ".join(policy.themes).lower()
    for word in ("bot api", "remote", "repository data", "prox", "tunnel", "mining", "spam"):
        assert word in joined


def test_signals_have_the_stable_ids_and_short_labels(knowledge):
    assert set(knowledge.signal_ids) == SIGNAL_IDS
    for signal in knowledge.signals:
        assert 0 < len(signal.label) <= 80
        assert signal.fragment.endswith(".")
    assert knowledge.signal("keep-alive").id == "keep-alive"
    with pytest.raises(KeyError):
        knowledge.signal("mining")


def test_precedents_each_have_an_https_link(knowledge):
    assert len(knowledge.precedents) == 8
    for precedent in knowledge.precedents:
        assert precedent.link.startswith("https://")
        assert precedent.title and precedent.what_happened and precedent.why_it_matters
    links = {p.link for p in knowledge.precedents}
    assert "https://huggingface.co/content-policy" in links
    assert "https://github.com/huggingface/huggingface_hub/issues/3366" in links


def test_advice_covers_the_essentials(knowledge):
    text = " ".join(a.text for a in knowledge.advice).lower()
    for needle in ("duplicate", "factual", "account name", "lock message", "links", "argue"):
        assert needle in text


def test_recovery_table_is_unchanged(knowledge):
    assert [r.id for r in knowledge.recovery] == [
        "public-repos",
        "private-repos",
        "space-secrets",
        "persistent-storage",
        "billing-settings",
        "deleted-disabled",
    ]
    assert all(isinstance(r, RecoveryExpectation) for r in knowledge.recovery)
    assert [r.copy_now for r in knowledge.recovery] == [True] + [False] * 5


def _corrupt(tmp_path: Path, old: str, new: str, count: int = 1) -> Path:
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "knowledge.toml"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "field", "why"),
    [
        (
            'label = "I duplicated a Space',
            'labl = "I duplicated a Space',
            "signals.0.labl",
            "Extra",
        ),
        (
            'link = "https://discuss.huggingface.co/t/unban-me-please/174586"',
            'link = "http://discuss.huggingface.co/t/unban-me-please/174586"',
            "precedents.1.link",
            "https",
        ),
        (
            'address = "legal@huggingface.co"',
            'address = "legal at hf"',
            "contact.routes.2.address",
            "email",
        ),
        ('id = "automation"', 'id = "keep-alive"', "signals", "duplicate signal id"),
        ('id = "automation"', 'id = "Automation_2"', "signals.1.id", "kebab-case"),
        ('formal = "legal"', 'formal = "lawyers"', "contact", "unknown route"),
        (
            'label = "I ran scripts, bots or agents against the Hub"',
            'label = "' + "x" * 81 + '"',
            "signals.1.label",
            "80",
        ),
        ('id = "one-ticket"', 'id = "one-email"', "(top level)", "advice 'one-ticket' is missing"),
        (
            '[policy]\nurl = "https://huggingface.co/content-policy"\n',
            "[policy]\n",
            "policy.url",
            "Field required",
        ),
    ],
)
def test_broken_file_names_path_and_field(tmp_path, old, new, field, why):
    path = _corrupt(tmp_path, old, new)
    with pytest.raises(KnowledgeError) as info:
        parse_knowledge(path)
    message = str(info.value)
    assert str(path) in message and field in message and why in message


def test_missing_field_is_named(tmp_path):
    path = _corrupt(tmp_path, 'why_it_matters = "Reassurance', 'why_it_mattered = "Reassurance')
    with pytest.raises(KnowledgeError, match=r"precedents\.2\.why_it_matters: Field required"):
        parse_knowledge(path)


def test_bad_toml_and_missing_file(tmp_path):
    path = _corrupt(tmp_path, "[[signals]]", "[[signals]")
    with pytest.raises(KnowledgeError, match="cannot read knowledge file") as info:
        parse_knowledge(path)
    assert str(path) in str(info.value)
    with pytest.raises(KnowledgeError, match="cannot read"):
        parse_knowledge(tmp_path / "absent.toml")
