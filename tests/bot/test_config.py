"""Settings: parsing, validation messages, secrets."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import LOG_LEVELS, ConfigError, Settings, load_settings

ROOT = Path(__file__).resolve().parents[2]

TOKEN = "MTIz.secret-token-value.xyz"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch, tmp_path):
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env


def test_defaults():
    s = load_settings()
    assert s.discord_token is None and s.guild_ids == [] and s.moderator_role_ids == []
    assert str(s.database_path) == "data/cases.db"
    assert s.hf_endpoint == "https://huggingface.co"
    assert s.hub_token() is False
    assert s.check_cache_ttl_s == 300 and s.check_max_items == 1000 and s.followup_days == 5


def test_comma_separated_ids_and_endpoint(monkeypatch):
    monkeypatch.setenv("GUILD_IDS", "123, 456,")
    monkeypatch.setenv("MODERATOR_ROLE_IDS", "789")
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9/")
    monkeypatch.setenv("LOG_LEVEL", "debug")
    s = load_settings()
    assert s.guild_ids == [123, 456] and s.moderator_role_ids == [789]
    assert s.hf_endpoint == "http://127.0.0.1:9"
    assert s.log_level == "DEBUG" and s.log_level_number() == 10


def test_reads_dot_env(tmp_path):
    (tmp_path / ".env").write_text(f"DISCORD_TOKEN={TOKEN}\nGUILD_IDS=1,2\n")
    s = load_settings()
    assert s.discord_token is not None and s.discord_token.get_secret_value() == TOKEN
    assert s.guild_ids == [1, 2]


@pytest.mark.parametrize(
    ("var", "value"),
    [
        ("GUILD_IDS", "12a,3"),
        ("MODERATOR_ROLE_IDS", "@everyone"),
        ("MODLOG_CHANNEL_ID", "general"),
        ("HUB_TIMEOUT_S", "-1"),
        ("HUB_MAX_CONCURRENCY", "0"),
        ("CHECK_CACHE_TTL_S", "-5"),
        ("HF_ENDPOINT", "ftp://example"),
        ("LOG_LEVEL", "LOUD"),
        ("LOG_LEVEL", "CRITICAL"),
        ("HUB_TIMEOUT_S", "nan"),
        ("CHECK_CACHE_TTL_S", "inf"),
        ("COOLDOWN_PER_S", "inf"),
        ("CHECK_DEADLINE_S", "-inf"),
        ("DATABASE_PATH", ""),
        ("DATABASE_PATH", " "),
        ("DATABASE_PATH", "."),
    ],
)
def test_invalid_values_name_the_variable(monkeypatch, var, value):
    monkeypatch.setenv(var, value)
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert var in str(err.value)
    assert not value.strip() or value not in str(err.value) or value in {"-1", "0", "-5", "inf", "-inf", "."}


def test_the_shipped_env_example_loads_as_is(tmp_path):
    """`cp .env.example .env` gives a valid configuration lacking only the token."""
    (tmp_path / ".env").write_text((ROOT / ".env.example").read_text())
    s = load_settings()
    assert s.discord_token is None and s.hf_token is None and s.modlog_channel_id is None
    assert s.guild_ids == [] and s.moderator_role_ids == []
    assert s == Settings(_env_file=None)


def test_an_empty_value_means_not_set(monkeypatch):
    for name in ("MODLOG_CHANNEL_ID", "HUB_TIMEOUT_S", "LOG_LEVEL", "GUILD_IDS", "HF_TOKEN"):
        monkeypatch.setenv(name, "")
    assert load_settings() == Settings(_env_file=None)


def test_an_empty_value_in_the_env_file_means_not_set(tmp_path):
    (tmp_path / ".env").write_text("MODLOG_CHANNEL_ID=\nHUB_TIMEOUT_S=\nDISCORD_TOKEN=\n")
    assert load_settings() == Settings(_env_file=None)


def test_log_levels_agree_with_the_description():
    description = Settings.model_fields["log_level"].description or ""
    assert description == ", ".join(LOG_LEVELS[:-1]) + " or " + LOG_LEVELS[-1] + "."
    for level in LOG_LEVELS:
        assert Settings(_env_file=None, log_level=level.lower()).log_level == level


def test_secrets_never_printed(monkeypatch):
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    monkeypatch.setenv("HF_TOKEN", "hf_supersecret")
    s = load_settings()
    for text in (repr(s), str(s), s.model_dump_json()):
        assert TOKEN not in text and "hf_supersecret" not in text
    assert s.hub_token() == "hf_supersecret"


def test_invalid_value_next_to_a_token_does_not_leak_it(monkeypatch):
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    monkeypatch.setenv("GUILD_IDS", TOKEN)
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert TOKEN not in str(err.value) and "GUILD_IDS" in str(err.value)
