"""REST v10 routes of the fake Discord: login, command sync, users, DMs and channel messages
(interaction routes come from ``InteractionRoutes``). Every request is recorded; unknown routes
answer 404 JSON and land in ``fake.unhandled``."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import BodyPartReader, web

from tests.fakes import fake_discord_dms as dms
from tests.fakes.fake_discord_models import (
    ATTACHMENT_SIZE_LIMIT,
    dm_channel_payload,
)
from tests.fakes.fake_discord_records import (
    RecordedFile,
    RecordedRequest,
)
from tests.fakes.fake_discord_spec import spec_errors
from tests.fakes.fake_discord_validate import command_errors, message_errors, upload_errors
from tests.fakes.fake_discord_webhooks import InteractionRoutes, error, json_response

if TYPE_CHECKING:
    from tests.fakes.fake_discord import FakeDiscord

Handler = Callable[..., Awaitable[web.Response]]
_APP, _GUILD = "/applications/{application_id}", "/guilds/{guild_id}"
_HOOK = "/webhooks/{webhook_id}/{webhook_token}"
_MESSAGES = "/channels/{channel_id}/messages"
# Why Discord refuses a DM (docs, Topics → Opcodes and Status Codes → JSON error codes): closed
# DMs or a block, no server in common with the bot any more, no access.
DM_REFUSALS = {
    50007: "Cannot send messages to this user",
    50278: "Cannot send messages to this user due to having no mutual guilds",
    50001: "Missing Access",
}


async def read_body(request: web.Request) -> tuple[Any, list[RecordedFile]]:
    """Parsed JSON body, or ``payload_json`` plus ``files[n]`` of a multipart body."""
    if request.content_type.startswith("multipart/"):
        body: Any = None
        files: list[RecordedFile] = []
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, BodyPartReader):
                continue
            raw = await part.read()
            if part.name == "payload_json":
                body = json.loads(raw)
            else:
                ctype = part.headers.get("Content-Type")
                files.append(RecordedFile(part.name or "", part.filename or "", bytes(raw), ctype))
        return body, files
    raw = await request.read()
    return (json.loads(raw) if raw else None), []


def rate_limited(retry_after: float) -> web.Response:
    """A 429 as Discord sends it (docs, Topics → Rate Limits: JSON body with `retry_after` in
    seconds and `global`; `Retry-After` and `X-RateLimit-*` headers). discord.py reads a 429
    without a `Via` header as a Cloudflare ban, so the header Discord's proxy adds is kept."""
    body = {"message": "You are being rate limited.", "retry_after": retry_after, "global": False}
    headers = {
        "Content-Type": "application/json",
        "Retry-After": str(int(retry_after) + 1),
        "X-RateLimit-Limit": "2",
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset-After": str(retry_after),
        "X-RateLimit-Bucket": "fake-commands",
        "X-RateLimit-Scope": "user",
        "Via": "1.1 google",
    }
    return web.Response(body=json.dumps(body).encode(), status=429, headers=headers)


class RestApi(InteractionRoutes):
    """Route table and handlers; all state lives on the ``FakeDiscord``."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        app = r"/applications/(?P<app>\d+)"
        hook = r"/webhooks/(?P<app>\d+)/(?P<token>[^/]+)"
        guild, mid = r"/guilds/(?P<guild>\d+)", r"/messages/(?P<mid>@original)"
        # (method, our pattern, handler, the route in Discord's OpenAPI spec)
        table: list[tuple[str, str, Handler, str]] = [
            ("GET", r"/users/@me", self.get_me, "/users/@me"),
            ("GET", r"/oauth2/applications/@me", self.get_application, "/oauth2/applications/@me"),
            ("PUT", app + r"/commands", self.put_commands, _APP + "/commands"),
            ("PUT", app + guild + "/commands", self.put_commands, _APP + _GUILD + "/commands"),
            ("POST", r"/interactions/(?P<iid>\d+)/(?P<token>[^/]+)/callback", self.callback,
             "/interactions/{interaction_id}/{interaction_token}/callback"),
            ("POST", hook, self.followup, _HOOK),
            ("GET", hook + mid, self.get_hook_message, _HOOK + "/messages/{message_id}"),
            ("PATCH", hook + mid, self.edit_hook_message, _HOOK + "/messages/{message_id}"),
            ("POST", r"/users/@me/channels", self.open_dm, "/users/@me/channels"),
            ("GET", r"/users/(?P<uid>\d+)", self.get_user, "/users/{user_id}"),
            ("GET", r"/channels/(?P<cid>\d+)", self.get_channel, "/channels/{channel_id}"),
            ("POST", r"/channels/(?P<cid>\d+)/messages", self.post_message, _MESSAGES),
            ("POST", r"/channels/(?P<cid>\d+)/threads", self.create_thread, dms.THREADS_ROUTE),
            ("PUT", r"/channels/(?P<cid>\d+)/thread-members/(?P<uid>\d+)", self.add_thread_member,
             "/channels/{channel_id}/thread-members/{user_id}"),
        ]  # fmt: skip
        self.routes = [(m, re.compile(p), h, spec) for m, p, h, spec in table]

    async def dispatch(self, request: web.Request) -> web.Response:
        """Entry point for ``/api/v10/*``: record, route, answer."""
        fake = self.fake
        body, files = await read_body(request)
        path = "/" + request.match_info["tail"]
        rec = RecordedRequest(
            request.method,
            path,
            dict(request.query),
            body,
            files,
            fake.now(),
            request.headers.get("Authorization"),
        )
        fake.requests.append(rec)
        for method, pattern, handler, spec_route in self.routes:
            match = pattern.fullmatch(path)
            if match and method == request.method:
                if method in ("POST", "PUT", "PATCH") and body is not None:
                    rec.spec_errors = spec_errors(method, spec_route, body)
                params = {k: v for k, v in match.groupdict().items() if v is not None}
                refused = upload_errors(files, ATTACHMENT_SIZE_LIMIT)
                try:
                    if refused is not None:
                        fake.violation("upload_limit", f"{method} {path}: {refused[2]}", None)
                        response = error(*refused)
                    else:
                        response = await handler(rec, **params)
                except Exception as exc:  # a fake bug must not become a 5xx (discord.py retries)
                    fake.internal_errors.append(f"{rec.method} {path}: {exc!r}")
                    response = error(400, -1, f"fake discord internal error: {exc!r}")
                break
        else:
            fake.unhandled.append(f"{request.method} {path}")
            response = error(404, 0, "404: Not Found")
        rec.status = response.status
        fake.notify()
        return response

    # --- login, gateway, commands ------------------------------------------------------------

    async def get_me(self, rec: RecordedRequest) -> web.Response:
        return json_response(self.fake.bot_user.payload())

    async def get_application(self, rec: RecordedRequest) -> web.Response:
        fake = self.fake
        return json_response(
            {
                "id": str(fake.app_id),
                "name": fake.bot_user.name,
                "icon": None,
                "description": "",
                "bot_public": False,
                "bot_require_code_grant": False,
                "owner": fake.owner.payload(),
                "verify_key": "0" * 64,
                "flags": 0,
                "summary": "",
                "team": None,
                "bot": fake.bot_user.payload(),
            }
        )

    async def put_commands(
        self, rec: RecordedRequest, app: str, guild: str | None = None
    ) -> web.Response:
        fake = self.fake
        scope = int(guild) if guild else None
        body = rec.json or []
        fake.syncs.append({"guild_id": scope, "body": copy.deepcopy(body), "time": rec.time})
        if fake.rate_limit_syncs > 0:
            fake.rate_limit_syncs -= 1
            return rate_limited(60.0)
        if int(app) != fake.app_id or fake.refuse_syncs > 0:
            fake.refuse_syncs = max(0, fake.refuse_syncs - 1)
            return error(403, 50001, "Missing Access")
        errors = rec.spec_errors + command_errors(body)
        if errors:
            return self._invalid(rec, errors, None)
        echoed = []
        for cmd in body:
            out = copy.deepcopy(cmd)
            key = (scope, cmd["name"], cmd.get("type", 1))
            perms = cmd.get("default_member_permissions")
            out.update(
                id=str(fake.command_ids.setdefault(key, fake.new_id())),
                application_id=str(fake.app_id),
                version=str(fake.new_id()),
                type=cmd.get("type", 1),
                description=cmd.get("description", ""),
                default_member_permissions=None if perms is None else str(perms),
            )
            if scope is not None:
                out["guild_id"] = str(scope)
            echoed.append(out)
        fake.commands[scope] = echoed
        return json_response(echoed)

    # --- users, DMs, channels ------------------------------------------------------------------

    async def open_dm(self, rec: RecordedRequest) -> web.Response:
        if rec.spec_errors:
            return self._invalid(rec, rec.spec_errors, None)
        user = self.fake.users.get(int((rec.json or {}).get("recipient_id", 0)))
        if user is None:
            return error(400, 50033, "Invalid Recipient(s)")
        return json_response(dm_channel_payload(self.fake.dm_channel_id(user.id), user))

    async def get_user(self, rec: RecordedRequest, uid: str) -> web.Response:
        user = self.fake.users.get(int(uid))
        return json_response(user.payload()) if user else error(404, 10013, "Unknown User")

    async def get_channel(self, rec: RecordedRequest, cid: str) -> web.Response:
        channel = self.fake.find_channel(int(cid))  # the mod-log channel, when not cached
        if channel is None:
            return error(404, 10003, "Unknown Channel")
        if not self.fake.guilds[channel.guild_id].bot_installed:
            # a bot outside the server has no access (JSON error code 50001 "Missing Access")
            return error(403, 50001, "Missing Access")
        return json_response(channel.payload())

    async def post_message(self, rec: RecordedRequest, cid: str) -> web.Response:
        fake, channel_id, body = self.fake, int(cid), rec.json or {}
        guild_id: int | None = None
        if fake.rate_limit_messages > 0:  # Topics -> Rate Limits: 429 with `retry_after`
            fake.rate_limit_messages -= 1
            fake.record_sent("channel", body, rec, False, None, None)
            return rate_limited(60.0)
        if channel_id in fake.dm_users and fake.rate_limit_dms > 0:
            fake.rate_limit_dms -= 1
            fake.record_sent("channel", body, rec, False, None, None)
            return rate_limited(60.0)
        if channel_id in fake.dm_users:
            user = fake.users[fake.dm_users[channel_id]]
            if not user.dms_open:
                fake.blocked_dms.append((user.id, body))
                fake.record_sent("channel", body, rec, False, None, None)
                why = DM_REFUSALS.get(user.dm_error_code, "Cannot send messages to this user")
                return error(403, user.dm_error_code, why)
        else:
            channel = fake.find_channel(channel_id)
            if channel is None:
                fake.record_sent("channel", body, rec, False, None, None)
                return error(404, 10003, "Unknown Channel")
            if not fake.guilds[channel.guild_id].bot_installed:
                fake.record_sent("channel", body, rec, False, None, None)
                return error(403, 50001, "Missing Access")  # JSON error codes: Missing Access
            refused = dms.thread_post_refusal(fake, channel)
            if refused is not None:
                fake.record_sent("channel", body, rec, False, None, None)
                return refused
            guild_id = channel.guild_id
        errors = rec.spec_errors + message_errors(body, rec.files)
        if errors:
            fake.record_sent("channel", body, rec, False, None, None)
            return self._invalid(rec, errors, None)
        message = fake.store.create(
            channel_id=channel_id,
            guild_id=guild_id,
            author=fake.bot_user.payload(),
            body=body,
            files=rec.files,
        )
        fake.record_sent("channel", body, rec, True, None, message)
        await dms.echo_own_message(fake, message)
        return json_response(message)

    async def create_thread(self, rec: RecordedRequest, cid: str) -> web.Response:
        return await dms.create_thread(self.fake, rec, cid)

    async def add_thread_member(self, rec: RecordedRequest, cid: str, uid: str) -> web.Response:
        return await dms.add_thread_member(self.fake, rec, cid, uid)
