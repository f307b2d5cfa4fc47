"""Interaction routes of the fake Discord: the initial-response callback (with Discord's 3 s,
single-response and response-type rules), followups and @original (GET/PATCH/DELETE)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from aiohttp import web
from discord import InteractionResponseType, InteractionType
from discord.enums import try_enum

from tests.fakes.fake_discord_commands import USER_INSTALL
from tests.fakes.fake_discord_interaction import FakeInteraction
from tests.fakes.fake_discord_models import (
    EPHEMERAL,
    LOADING,
)
from tests.fakes.fake_discord_records import (
    RecordedRequest,
    ResponseRecord,
)
from tests.fakes.fake_discord_validate import message_errors, modal_errors

if TYPE_CHECKING:
    from tests.fakes.fake_discord import FakeDiscord

TOKEN_LIFETIME_S = 15 * 60
# Docs, Receiving and Responding: the initial response must arrive within 3 seconds.
RESPONSE_DEADLINE_S = 3.0
R = InteractionResponseType
# Docs, Receiving and Responding → Interaction Callback Type: what each interaction type takes;
# the two update types only for an interaction on a message (component, modal from one).
_ALLOWED_RESPONSES = {
    InteractionType.application_command: {R.channel_message, R.deferred_channel_message, R.modal},
    InteractionType.component: {
        R.channel_message,
        R.deferred_channel_message,
        R.deferred_message_update,
        R.message_update,
        R.modal,
    },
    InteractionType.modal_submit: {
        R.channel_message,
        R.deferred_channel_message,
        R.deferred_message_update,
        R.message_update,
    },
}
_UPDATES = {R.deferred_message_update, R.message_update}
_WITH_MESSAGE = {R.channel_message, R.message_update}  # responses whose data is a message


def json_response(data: Any, status: int = 200) -> web.Response:
    """JSON with exactly ``Content-Type: application/json`` (discord.py compares with ==)."""
    body = json.dumps(data).encode()
    return web.Response(body=body, status=status, headers={"Content-Type": "application/json"})


MAX_USER_INSTALL_FOLLOWUPS = 5
"""Docs, Receiving and Responding → Create Followup Message: "Apps are limited to 5 followup
messages per interaction if it was initiated from a user-installed app and isn't installed in the
server (meaning the authorizing integration owners object only contains USER_INSTALL)"; the sixth
answers JSON error code 40094 (Topics → Opcodes and Status Codes)."""


def error(status: int, code: int, message: str, errors: Any = None) -> web.Response:
    """A Discord-style error body."""
    data: dict[str, Any] = {"message": message, "code": code}
    if errors is not None:
        data["errors"] = errors
    return json_response(data, status)


class InteractionRoutes:
    """Handlers for ``/interactions/...`` and ``/webhooks/{app}/{token}...``."""

    fake: FakeDiscord

    def _invalid(
        self, rec: RecordedRequest, errors: list[str], it: FakeInteraction | None
    ) -> web.Response:
        self.fake.violation("invalid_form_body", f"{rec.method} {rec.path}: {errors}", it)
        return error(400, 50035, "Invalid Form Body", {"_errors": errors})

    # --- interaction callback ------------------------------------------------------------------

    async def callback(self, rec: RecordedRequest, iid: str, token: str) -> web.Response:
        fake = self.fake
        it = fake.interactions.get(token)
        if it is None or it.id != int(iid):
            fake.violation("unknown_interaction", f"callback for unknown interaction {iid}", None)
            return error(404, 10062, "Unknown interaction")
        body = rec.json or {}
        rtype, data = int(body.get("type") or 0), body.get("data")
        kind = try_enum(R, rtype)
        attempt = ResponseRecord(rtype, data, rec.files, rec.time)
        it.responses.append(attempt)

        def refuse(response: web.Response) -> web.Response:
            if kind in _WITH_MESSAGE:  # still a message payload the bot sent
                fake.record_sent("response", data or {}, rec, False, it, None)
            return self._refuse(attempt, response)

        if it.response is not None:
            fake.violation("already_acknowledged", f"second initial response (type {rtype})", it)
            return refuse(error(400, 40060, "Interaction has already been acknowledged."))
        late = rec.time - it.injected_at
        if late > RESPONSE_DEADLINE_S:
            fake.violation("late_response", f"initial response after {late:.2f}s", it)
            return refuse(error(404, 10062, "Unknown interaction"))
        allowed = set(_ALLOWED_RESPONSES.get(it.type, set()))
        if it.message_id is None:
            allowed -= _UPDATES
        if kind not in allowed:
            fake.violation(
                "invalid_response_type", f"type {rtype} for interaction type {it.type.value}", it
            )
            return refuse(error(400, 50035, "Invalid interaction response type"))
        errors = rec.spec_errors + (
            modal_errors(data)
            if kind is R.modal
            else (
                message_errors(data or {}, rec.files, edit=kind is R.message_update)
                if kind in _WITH_MESSAGE
                else []
            )
        )
        if errors:
            return refuse(self._invalid(rec, errors, it))
        attempt.accepted, attempt.status, it.response = True, 200, attempt
        resource = self._apply_response(it, kind, data or {}, rec)
        if rec.query.get("with_response") not in ("1", "true", "True"):
            return web.Response(status=204)
        message = fake.store.get(it.original_message_id) if it.original_message_id else None
        flags = message["flags"] if message else 0
        interaction: dict[str, Any] = {
            "id": str(it.id),
            "type": it.type.value,
            "response_message_loading": bool(flags & LOADING),
            "response_message_ephemeral": bool(flags & EPHEMERAL),
        }
        if message:
            interaction["response_message_id"] = message["id"]
        out: dict[str, Any] = {"interaction": interaction}
        if resource is not None:
            out["resource"] = resource
        return json_response(out)

    @staticmethod
    def _refuse(attempt: ResponseRecord, response: web.Response) -> web.Response:
        attempt.status = response.status
        attempt.error_code = json.loads(response.body)["code"]  # type: ignore[arg-type]
        return response

    def _apply_response(
        self, it: FakeInteraction, kind: R, data: dict[str, Any], rec: RecordedRequest
    ) -> dict[str, Any] | None:
        """Create/update the messages a response implies; returns the callback ``resource``."""
        fake = self.fake
        if kind is R.modal:
            it.modal = data
            fake.modals.append(it)
            return None
        if kind in _UPDATES:
            it.original_message_id = it.message_id
            if kind is R.deferred_message_update:
                return None
            message = fake.store.edit(it.message_id, data, rec.files)  # type: ignore[arg-type]
            fake.record_sent("response", data, rec, True, it, message)
            return {"type": kind.value, "message": message}
        body = data if kind is R.channel_message else {}
        extra = 0
        if kind is R.deferred_channel_message:  # "thinking", ephemeral if the defer asked
            extra = LOADING | ((data.get("flags") or 0) & EPHEMERAL)
        message = it.create_message(body, rec.files, extra)
        it.original_message_id = int(message["id"])
        if kind is R.channel_message:
            fake.record_sent("response", data, rec, True, it, message)
        return {"type": kind.value, "message": message}

    # --- webhooks: followups and @original -----------------------------------------------------

    def _hook(self, app: str, token: str) -> FakeInteraction | web.Response:
        it = self.fake.interactions.get(token)
        if int(app) != self.fake.app_id or it is None:
            self.fake.violation("unknown_webhook", f"webhook {app}/{token[:12]}...", None)
            return error(404, 10015, "Unknown Webhook")
        if it.response is None:
            self.fake.violation("before_response", "webhook call before the initial response", it)
            return error(404, 10015, "Unknown Webhook")
        if self.fake.now() - it.injected_at > TOKEN_LIFETIME_S:
            # Docs, Receiving and Responding: "Interaction tokens are valid for 15 minutes";
            # after that the webhook answers 401 Invalid Webhook Token (50027).
            return error(401, 50027, "Invalid Webhook Token")
        return it

    async def followup(self, rec: RecordedRequest, app: str, token: str) -> web.Response:
        fake = self.fake
        body = rec.json or {}
        it = self._hook(app, token)
        if isinstance(it, web.Response):
            known = fake.interactions.get(token)
            sent = fake.record_sent("followup", body, rec, False, known, None)
            if known is not None:
                known.followups.append(sent)
            return it
        errors = rec.spec_errors + message_errors(body, rec.files)
        if errors:
            it.followups.append(fake.record_sent("followup", body, rec, False, it, None))
            return self._invalid(rec, errors, it)
        owners = set(it.payload.get("authorizing_integration_owners", {}))
        sent_before = sum(1 for f in it.followups if f.accepted)
        if owners == {USER_INSTALL} and sent_before >= MAX_USER_INSTALL_FOLLOWUPS:
            it.followups.append(fake.record_sent("followup", body, rec, False, it, None))
            return error(400, 40094, "This interaction has hit the maximum number of follow up messages")
        original = fake.store.get(it.original_message_id) if it.original_message_id else None
        deferred = it.response and it.response.type == R.deferred_channel_message.value
        if deferred and original and original["flags"] & LOADING:
            message = fake.store.edit(int(original["id"]), body, rec.files)  # fills "thinking"
        else:
            message = it.create_message(body, rec.files, 0)
        it.followups.append(fake.record_sent("followup", body, rec, True, it, message))
        if rec.query.get("wait") in ("1", "true", "True"):
            return json_response(message)
        return web.Response(status=204)

    async def get_hook_message(
        self, rec: RecordedRequest, app: str, token: str, mid: str
    ) -> web.Response:
        it = self._hook(app, token)
        if isinstance(it, web.Response):
            return it
        message_id = it.original_message_id
        message = self.fake.store.get(message_id) if message_id else None
        return json_response(message) if message else error(404, 10008, "Unknown Message")

    async def edit_hook_message(
        self, rec: RecordedRequest, app: str, token: str, mid: str
    ) -> web.Response:
        fake = self.fake
        body = rec.json or {}
        it = self._hook(app, token)
        kind = "edit_original"
        if isinstance(it, web.Response):
            known = fake.interactions.get(token)
            sent = fake.record_sent(kind, body, rec, False, known, None)
            if known is not None:
                known.edits.append(sent)
            return it
        message_id, edits = it.original_message_id, it.edits
        if message_id is None or fake.store.get(message_id) is None:
            fake.violation("unknown_message", f"PATCH {mid} of interaction {it.id}", it)
            edits.append(fake.record_sent(kind, body, rec, False, it, None))
            return error(404, 10008, "Unknown Message")
        errors = rec.spec_errors + message_errors(body, rec.files, edit=True)
        if errors:
            edits.append(fake.record_sent(kind, body, rec, False, it, None))
            return self._invalid(rec, errors, it)
        message = fake.store.edit(message_id, body, rec.files)
        edits.append(fake.record_sent(kind, body, rec, True, it, message))
        return json_response(message)
