"""Request bodies checked against Discord's own OpenAPI description of its API (v10).

The spec (``discord_api_spec/openapi.json``, MIT, see ``SOURCE.md`` there) is loaded once per
test session; one JSON Schema 2020-12 validator per (method, route, content type) is built on
first use and kept. Rules the spec does not encode are hand-written in ``fake_discord_validate``.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC_PATH = Path(__file__).parent / "discord_api_spec" / "openapi.json"
_SPEC_URI = "urn:discord-api-spec"


@functools.cache
def _spec() -> tuple[dict[str, Any], Registry]:
    spec = json.loads(SPEC_PATH.read_text(encoding="utf-8"))
    # Discord returns snowflakes as strings but also accepts them as JSON integers in requests
    # (docs, Reference → Snowflakes: "always returned as strings"; discord.py sends
    # `recipient_id` and new attachment ids as ints). The spec only lists the string form.
    snowflake = spec["components"]["schemas"]["SnowflakeType"]
    spec["components"]["schemas"]["SnowflakeType"] = {
        "anyOf": [snowflake, {"type": "integer", "minimum": 0}]
    }
    resource = Resource.from_contents(spec, default_specification=DRAFT202012)
    return spec, Registry().with_resource(_SPEC_URI, resource)


def _pointer_part(text: str) -> str:
    return text.replace("~", "~0").replace("/", "~1")


@functools.cache
def _validator(method: str, route: str, content_type: str) -> Draft202012Validator:
    spec, registry = _spec()
    operation = spec["paths"][route][method.lower()]
    content = operation["requestBody"]["content"]
    if content_type not in content:
        raise KeyError(f"{method} {route} takes no {content_type} body (spec: {list(content)})")
    pointer = "/".join(
        _pointer_part(p)
        for p in ("paths", route, method.lower(), "requestBody", "content", content_type)
    )
    schema = {"$ref": f"{_SPEC_URI}#/{pointer}/schema"}
    return Draft202012Validator(schema, registry=registry)


def spec_errors(method: str, route: str, body: Any) -> list[str]:
    """Why Discord's spec refuses ``body`` for ``method route`` (empty when it validates).

    ``route`` is the spec's path template (``/channels/{channel_id}/messages``). For a
    multipart request, ``body`` is its ``payload_json`` part, checked against the route's JSON
    schema (the spec's multipart schema only adds the ``files[n]`` parts to it)."""
    validator = _validator(method, route, "application/json")
    errors = list(validator.iter_errors(body))
    if not errors:
        return []
    worst = _deepest(errors)
    where = "/".join(str(p) for p in worst.absolute_path) or "(body)"
    schema_path = "/".join(str(p) for p in worst.absolute_schema_path)
    return [f"{method} {route}: at {where}: {worst.message} (schema path {schema_path})"]


def _leaves(errors: list[ValidationError]) -> list[ValidationError]:
    out: list[ValidationError] = []
    for error in errors:
        out += _leaves(list(error.context)) if error.context else [error]
    return out


def _deepest(errors: list[ValidationError]) -> ValidationError:
    """The most telling error: the deepest leaf of the union branches, leaving out the branches
    that only failed on their ``type`` discriminator (a button is not a select)."""
    leaves = _leaves(errors)
    telling = [
        e
        for e in leaves
        if not (e.validator in ("enum", "const") and list(e.absolute_path)[-1:] == ["type"])
    ] or leaves
    return max(telling, key=lambda e: len(e.absolute_path))


def spec_schema(name: str) -> dict[str, Any]:
    """A named schema of the spec's components (``AvailableLocalesEnum``, ...)."""
    schema: dict[str, Any] = _spec()[0]["components"]["schemas"][name]
    return schema
