"""Runtime settings, read from the environment and `.env` (one `Settings` class)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticUseDefault
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

if TYPE_CHECKING:
    from bot.waves.detector import WaveRule

IdList = Annotated[list[int], NoDecode]
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class ConfigError(Exception):
    """A setting is missing or invalid; the message names the variable, never its value."""


class Settings(BaseSettings):
    """Every knob of the bot. Field names map to upper-case environment variables."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        hide_input_in_errors=True,
        allow_inf_nan=False,  # nan or inf is never a sensible timeout, TTL or window
    )

    discord_token: SecretStr | None = Field(
        None, description="Bot token from the Discord developer portal."
    )
    guild_ids: IdList = Field(
        default_factory=list,
        description="Comma-separated server ids: sync commands there instantly (else globally).",
    )
    moderator_role_ids: IdList = Field(
        default_factory=list,
        description="Comma-separated role ids allowed to use /case (Manage Server always is).",
    )
    modlog_channel_id: int | None = Field(
        None, description="Channel for one-line new-case notices."
    )
    database_path: Path = Field(
        Path("data/cases.db"), description="SQLite file; folder created when missing."
    )
    hf_endpoint: str = Field("https://huggingface.co", description="Hugging Face Hub base URL.")
    hf_token: SecretStr | None = Field(
        None, description="Optional Hub token, only to raise the rate limit; never required."
    )
    hub_timeout_s: float = Field(
        5.0, gt=0, le=120, description="Timeout of one Hub request, seconds."
    )
    hub_max_concurrency: int = Field(8, ge=1, le=64, description="Hub requests in flight at once.")
    check_deadline_s: float = Field(
        10.0, gt=0, le=600, description="Overall deadline of one account check."
    )
    check_max_items: int = Field(
        1000, ge=1, le=100_000, description="Cap on repos listed per type."
    )
    check_cache_ttl_s: float = Field(
        300.0, ge=0, description="Reuse an account report this long, seconds."
    )
    followup_days: int = Field(
        5, ge=1, le=90, description="Days without reply before suggesting a follow-up."
    )
    cooldown_rate: int = Field(
        3, ge=1, description="Uses of /checkaccount and /backup per person per window."
    )
    cooldown_per_s: float = Field(
        60.0, gt=0, description="Length of that cooldown window, seconds."
    )
    log_level: str = Field("INFO", description="DEBUG, INFO, WARNING or ERROR.")
    home_guild_id: int | None = Field(
        None,
        gt=0,
        description="Server whose moderators handle DM and user-install cases "
        "(default: the one entry of GUILD_IDS).",
    )
    reminder_retry_after_s: float = Field(
        21_600.0,
        ge=60,
        le=604_800,
        description="A reminder claimed but never confirmed sent is retried once after this "
        "long, seconds.",
    )
    retention_days: int = Field(
        90,
        ge=0,
        le=36_500,
        description="Days after a case is closed before its free text is blanked (0: never).",
    )
    # lock waves: new cases much faster than usual
    wave_window_s: float = Field(
        1800.0, ge=60, le=86_400, description="Rolling window over which new cases are counted."
    )
    wave_baseline_days: float = Field(
        7.0, gt=0, le=90, description="Days before the window that give the usual rate."
    )
    wave_factor: float = Field(
        5.0, ge=1, le=1000, description="A wave: this many times the usual cases per window."
    )
    wave_min_cases: int = Field(
        15, ge=1, le=100_000, description="...and at least this many new cases in the window."
    )

    @field_validator("guild_ids", "moderator_role_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: Any) -> Any:
        if isinstance(value, str):
            parts = [p.strip() for p in value.replace(";", ",").split(",")]
            out = []
            for part in parts:
                if not part:
                    continue
                if not part.isdigit():
                    raise ValueError("must be comma-separated numeric Discord ids")
                out.append(int(part))
            return out
        return value

    @field_validator("hf_endpoint")
    @classmethod
    def _endpoint(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if not value.startswith(("http://", "https://")) or " " in value:
            raise ValueError("must be an http(s) URL")
        return value

    @field_validator("*", mode="before")
    @classmethod
    def _empty_means_unset(cls, value: Any, info: ValidationInfo) -> Any:
        """`NAME=` (as in .env.example) means "not set": the default. Except `DATABASE_PATH`,
        where an empty value is more likely a mistake than a wish for the default."""
        if isinstance(value, str) and not value.strip():
            if info.field_name == "database_path":
                raise ValueError("is empty: give a file path like data/cases.db, or remove the line")
            raise PydanticUseDefault
        return value

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        value = value.strip().upper()
        if value not in LOG_LEVELS:
            raise ValueError("must be " + ", ".join(LOG_LEVELS[:-1]) + " or " + LOG_LEVELS[-1])
        return value

    @field_validator("database_path")
    @classmethod
    def _database_path(cls, value: Path) -> Path:
        if not str(value).strip() or value == Path("."):
            raise ValueError("must be a file path, like data/cases.db")
        return value

    def home_guild(self) -> int | None:
        """The home server: `HOME_GUILD_ID`, else the single entry of `GUILD_IDS`, else None."""
        if self.home_guild_id is not None:
            return self.home_guild_id
        return self.guild_ids[0] if len(self.guild_ids) == 1 else None

    def log_level_number(self) -> int:
        """The numeric `logging` level."""
        return int(logging.getLevelName(self.log_level))

    def wave_rule(self) -> WaveRule:
        """The wave thresholds."""
        from bot.waves.detector import WaveRule

        return WaveRule(
            self.wave_window_s, self.wave_baseline_days, self.wave_factor, self.wave_min_cases
        )

    def hub_token(self) -> str | bool:
        """The token to send to the Hub: the configured one, else `False` (anonymous)."""
        return self.hf_token.get_secret_value() if self.hf_token else False


def load_settings(**overrides: Any) -> Settings:
    """Build `Settings`, turning validation errors into one `ConfigError` naming each variable."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            name = str(err["loc"][0]).upper() if err["loc"] else "settings"
            msg = str(err["msg"]).removeprefix("Value error, ")
            problems.append(f"{name}: {msg}")
        raise ConfigError("invalid configuration: " + "; ".join(problems)) from None
