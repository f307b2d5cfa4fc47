"""What the fake Hub serves: accounts, repo lists and small repos' files, in the JSON shapes of
the real API (see /work/shared/notes/hub-api.md). `FakeHub` routes requests here."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlencode

from aiohttp import web

from tests.fakes.fake_hub_answers import (
    disabled_answer,
    json_response,
    repo_not_found,
    unknown_expand,
)

RepoSpec = str | Mapping[str, Any]
RESOLVE_PREFIX = {"datasets": "dataset", "spaces": "space"}


@dataclass
class _Account:
    name: str
    kind: Literal["user", "org"]
    fullname: str
    stated: dict[str, int | None]


class HubContent:
    """Accounts, repos and files, and the responses built from them."""

    def __init__(self) -> None:
        self._accounts: dict[str, _Account] = {}
        self._repos: dict[str, list[dict[str, Any]]] = {"model": [], "dataset": [], "space": []}
        self._files: dict[tuple[str, str], dict[str, bytes]] = {}
        self._pages: dict[tuple[Any, ...], bytes] = {}  # encoded list pages, cleared on change
        self.renamed: dict[tuple[str, str], str] = {}  # (type, old id) -> new id

    def add_account(
        self,
        name: str,
        kind: Literal["user", "org"],
        fullname: str | None,
        stated: Mapping[str, int | None] | None,
        repos: Mapping[str, Iterable[RepoSpec]],
    ) -> None:
        """An account and its repos (`repos` maps "model"/"dataset"/"space" to specs)."""
        counts: dict[str, int | None] = {
            f"{repo_type}s": len(self.add_repos(name, repo_type, specs))
            for repo_type, specs in repos.items()
        }
        counts.update(stated or {})
        self._accounts[name.lower()] = _Account(name, kind, fullname or name.title(), counts)

    def add_repos(self, author: str, repo_type: str, specs: Iterable[RepoSpec]) -> list[str]:
        """Repos of one type; returns their ids."""
        ids = []
        for number, spec in enumerate(specs):
            item = _repo_json(author, repo_type, spec, number)
            self._repos[repo_type].append(item)
            ids.append(item["id"])
        self._pages.clear()
        return ids

    def rename(self, repo_type: str, old_id: str, new_id: str) -> None:
        """A repo's new id; its old one redirects (see `repo_info`)."""
        self.renamed[(repo_type, old_id)] = new_id
        for repo in self._repos[repo_type]:
            if repo["id"] == old_id:
                repo["id"] = new_id
        self._pages.clear()

    def add_files(self, repo_type: str, repo_id: str, files: Mapping[str, bytes]) -> None:
        """Files of a repo, for the revision, tree and resolve endpoints."""
        self._files[(repo_type, repo_id)] = dict(files)

    def overview(self, collection: str, name: str) -> web.Response:
        """`/api/users/{name}/overview` or `/api/organizations/{name}/overview`."""
        account = self._accounts.get(name.lower())
        wanted = "user" if collection == "users" else "org"
        if account is None or account.kind != wanted:
            what = "User" if wanted == "user" else "Organization"
            return json_response({"error": f"{what} not found"}, status=404)
        data: dict[str, Any] = {
            "fullname": account.fullname,
            "avatarUrl": "https://example.invalid/a.png",
            "numModels": account.stated.get("models"),
            "numDatasets": account.stated.get("datasets"),
            "numSpaces": account.stated.get("spaces"),
            "numFollowers": 0,
        }
        if wanted == "user":
            data |= {"user": account.name, "type": "user", "isPro": False, "orgs": []}
        else:
            data |= {"name": account.name, "isVerified": False, "numUsers": 1, "plan": "team"}
        return json_response({k: v for k, v in data.items() if v is not None})

    def list_page(
        self,
        request: web.Request,
        repo_type: str,
        *,
        base_url: str,
        default_page_size: int,
        max_page_size: int,
    ) -> web.Response:
        """`/api/{type}s?author=&limit=&expand=&cursor=`, with `Link: rel="next"`."""
        query = request.query
        author = query.get("author", "")
        try:
            limit = min(int(query.get("limit", default_page_size)), max_page_size)
            start = int(query.get("cursor", "0"))
        except ValueError:
            return json_response({"error": "bad limit or cursor"}, status=400)
        expand = query.getall("expand", [])
        unknown = unknown_expand(repo_type, expand)
        if unknown is not None:
            return unknown
        # `author=` is matched against the name as stored (hub-api.md: whether case is ignored is
        # not documented, so the fake takes the strict reading).
        repos = [r for r in self._repos[repo_type] if str(r.get("author", "")) == author]
        key = (repo_type, author, start, limit, tuple(expand))
        if key not in self._pages:
            page = repos[start : start + limit]
            if expand:
                page = [{k: v for k, v in r.items() if k in {"_id", "id", *expand}} for r in page]
            self._pages[key] = json.dumps(page).encode()
        headers = {}
        if start + limit < len(repos):
            pairs = [(k, v) for k, v in query.items() if k != "cursor"]
            pairs.append(("cursor", str(start + limit)))
            headers["Link"] = f'<{base_url}{request.path}?{urlencode(pairs)}>; rel="next"'
        return web.Response(body=self._pages[key], content_type="application/json", headers=headers)

    def repo_info(self, request: web.Request, repo_type: str, repo_id: str) -> web.Response:
        """`/api/{type}s/{id}`: one repo's metadata (`expand=` as for lists). Private, disabled and
        missing repos answer anonymous callers 401 `RepoNotFound` (huggingface_hub
        utils/_http.py `hf_raise_for_status`: "401 is returned for private and gated repos if
        user is not authenticated, missing repos"); disabled ones 403 with `DISABLED_MESSAGE`
        (errors.py `DisabledRepoError`). A gated repo's metadata stays public; only its files
        need a login."""
        expand = request.query.getall("expand", [])
        unknown = unknown_expand(repo_type, expand)
        if unknown is not None:
            return unknown
        new_id = self.renamed.get((repo_type, repo_id))
        if new_id is not None:
            # A renamed or transferred repo's old address redirects to the new one (Hub docs,
            # "Renaming or transferring a repo"); huggingface_hub's sessions follow redirects
            # (utils/_http.py `follow_redirects=True`).
            location = request.path.replace(repo_id, new_id, 1)
            return web.Response(status=307, headers={"Location": location})
        repo = self._repo(repo_type, repo_id)
        if repo is not None and repo.get("disabled"):
            return disabled_answer()
        if repo is None or repo.get("private"):
            return repo_not_found(401)
        if expand:
            repo = {k: v for k, v in repo.items() if k in {"_id", "id", *expand}}
        files = self._files.get((repo_type, repo_id))
        if files is not None and not expand:  # the commit of the default branch (`ModelInfo.sha`)
            repo = {**repo, "sha": _commit(files)}
        return json_response(repo)

    def _repo(self, repo_type: str, repo_id: str) -> dict[str, Any] | None:
        return next((r for r in self._repos[repo_type] if r["id"] == repo_id), None)

    def _refused(self, request: web.Request, repo_type: str, repo_id: str) -> web.Response | None:
        """403 for a disabled repo's files (`DisabledRepoError`), 401 for a private one's, and
        401 for a gated repo's files without a login (`X-Error-Code: GatedRepo`, which
        `hf_raise_for_status` maps to `GatedRepoError`)."""
        repo = self._repo(repo_type, repo_id) or {}
        if repo.get("disabled"):
            return disabled_answer()
        if repo.get("private"):
            return repo_not_found(401)
        if repo.get("gated") and "authorization" not in request.headers:
            return json_response(
                {"error": "Access to this repo is restricted; you must be logged in."},
                status=401,
                headers={"X-Error-Code": "GatedRepo", "X-Error-Message": "Gated repo"},
            )
        return None

    def repo_api(self, request: web.Request, repo_type: str, rest: list[str]) -> web.Response:
        """`/api/{type}s/{id}/revision/{rev}` and `/api/{type}s/{id}/tree/{rev}`."""
        repo_id = "/".join(rest[:2])
        refused = self._refused(request, repo_type, repo_id)
        if refused is not None:
            return refused
        files = self._files.get((repo_type, repo_id))
        if files is None:
            return json_response(
                {"error": "Repository not found"},
                status=404,
                headers={"X-Error-Code": "RepoNotFound"},
            )
        sha = _commit(files)
        if rest[2] == "revision":
            return json_response(
                {
                    "_id": sha[:24],
                    "id": repo_id,
                    "sha": sha,
                    "private": False,
                    "disabled": False,
                    "siblings": [{"rfilename": name} for name in sorted(files)],
                    "tags": [],
                    "lastModified": "2026-01-02T03:04:05.000Z",
                }
            )
        if rest[2] == "tree":
            tree = [
                {
                    "type": "file",
                    "path": name,
                    "size": len(body),
                    "oid": hashlib.sha1(body).hexdigest(),
                }
                for name, body in sorted(files.items())
            ]
            return json_response(tree)
        return json_response({"error": "Not found"}, status=404)

    def resolve(self, request: web.Request, parts: list[str]) -> web.Response:
        """HEAD/GET `/[{type}s/]{id}/resolve/{rev}/{file}` with the headers downloads need."""
        at = parts.index("resolve")
        repo_type = RESOLVE_PREFIX.get(parts[0], "model")
        id_parts = parts[1:at] if parts[0] in RESOLVE_PREFIX else parts[:at]
        refused = self._refused(request, repo_type, "/".join(id_parts))
        if refused is not None:
            return refused
        files = self._files.get((repo_type, "/".join(id_parts)))
        filename = "/".join(parts[at + 2 :])
        if files is None or filename not in files:
            return json_response(
                {"error": "Entry not found"}, status=404, headers={"X-Error-Code": "EntryNotFound"}
            )
        body = files[filename]
        headers = {
            "X-Repo-Commit": _commit(files),
            "ETag": f'"{hashlib.sha256(body).hexdigest()}"',
            "Content-Length": str(len(body)),
            "Accept-Ranges": "bytes",
        }
        if request.method == "HEAD":
            return web.Response(status=200, headers=headers)
        return web.Response(status=200, body=body, headers=headers)


def _repo_json(author: str, repo_type: str, spec: RepoSpec, number: int) -> dict[str, Any]:
    spec = {"name": spec} if isinstance(spec, str) else dict(spec)
    repo_id = spec.pop("id", None) or f"{author}/{spec.pop('name', f'repo-{number}')}"
    spec.pop("name", None)
    item: dict[str, Any] = {
        "_id": hashlib.md5(repo_id.encode()).hexdigest()[:24],
        "id": repo_id,
        "author": author,
        "private": False,
        "disabled": False,
        "likes": spec.pop("likes", number % 7),
        "createdAt": "2025-05-06T07:08:09.000Z",
        "lastModified": spec.pop("lastModified", "2026-01-02T03:04:05.000Z"),
    }
    if repo_type == "space":
        stage = spec.pop("stage", "RUNNING")
        runtime = {"stage": stage, "hardware": {"current": "cpu-basic", "requested": "cpu-basic"}}
        if "errorMessage" in spec:  # runtime.errorMessage, as in hub-api.md's Space item
            runtime["errorMessage"] = spec.pop("errorMessage")
        item |= {
            "sdk": spec.pop("sdk", "gradio"),
            "subdomain": repo_id.replace("/", "-").lower(),
            "runtime": runtime,
        }
    else:
        # models and datasets carry `gated` (False, "auto" or "manual"): hf_api.py ModelInfo
        item |= {"downloads": spec.pop("downloads", number * 3), "tags": [], "gated": False}
        if repo_type == "model":
            item |= {"pipeline_tag": "text-generation", "library_name": "transformers"}
    item.update(spec)
    return item


def _commit(files: Mapping[str, bytes]) -> str:
    digest = hashlib.sha1()
    for name, body in sorted(files.items()):
        digest.update(name.encode() + b"\0" + body)
    return digest.hexdigest()
