"""The fake Hub is as strict as the real one, checked with huggingface_hub's own client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest
from huggingface_hub import HfApi, hf_hub_download
from huggingface_hub.errors import (
    BadRequestError,
    DisabledRepoError,
    GatedRepoError,
    HfHubHTTPError,
    RepositoryNotFoundError,
)

from tests.fakes.fake_hub import FakeHub, fake_hub_in_thread


@pytest.fixture(scope="module")
def hub() -> Iterator[FakeHub]:
    with fake_hub_in_thread() as fake:
        fake.add_user(
            "Alice",
            models=[
                "open",
                {"name": "locked", "gated": "manual"},
                {"name": "off", "disabled": True},
            ],
            spaces=[{"name": "app", "stage": "PAUSED", "errorMessage": "Blocked by rule 7"}],
        )
        fake.add_files("Alice/locked", {"a.txt": b"secret"})
        fake.add_files("Alice/open", {"a.txt": b"hello"})
        fake.add_org("acme", stated={"models": None, "datasets": None, "spaces": None})
        yield fake


def test_unknown_expand_is_a_400(hub: FakeHub) -> None:
    api = HfApi(endpoint=hub.url, token=False)
    with pytest.raises(BadRequestError):
        list(api.list_models(author="Alice", expand=["notAField"]))  # type: ignore[list-item]
    with pytest.raises(BadRequestError):  # "gated" is a model property, not a Space one
        list(api.list_spaces(author="Alice", expand=["gated"]))  # type: ignore[list-item]
    models = list(api.list_models(author="Alice", expand=["gated", "disabled"]))
    assert {(m.id, m.gated, m.disabled) for m in models} == {
        ("Alice/open", False, False),
        ("Alice/locked", "manual", False),
        ("Alice/off", False, True),
    }


def test_author_is_matched_as_stored(hub: FakeHub) -> None:
    api = HfApi(endpoint=hub.url, token=False)
    assert len(list(api.list_models(author="Alice"))) == 3
    assert list(api.list_models(author="alice")) == []


def test_single_repo_endpoints(hub: FakeHub) -> None:
    api = HfApi(endpoint=hub.url, token=False)
    assert api.model_info("Alice/locked").gated == "manual"
    space = httpx2.get(f"{hub.url}/api/spaces/Alice/app").json()
    assert space["runtime"] == {
        "stage": "PAUSED",
        "hardware": {"current": "cpu-basic", "requested": "cpu-basic"},
        "errorMessage": "Blocked by rule 7",
    }
    with pytest.raises(RepositoryNotFoundError) as info:  # missing: 401 RepoNotFound
        api.model_info("Alice/missing")
    assert info.value.response.status_code == 401
    with pytest.raises(DisabledRepoError) as disabled:  # disabled: 403, the library's own class
        api.model_info("Alice/off")
    assert disabled.value.response.status_code == 403
    files = httpx2.get(f"{hub.url}/Alice/off/resolve/main/a.txt")
    assert files.status_code == 403
    assert files.headers["X-Error-Message"] == "Access to this resource is disabled."


def test_a_revoked_token_is_refused_everywhere(hub: FakeHub) -> None:
    hub.revoke_token("hf_revoked")
    api = HfApi(endpoint=hub.url, token="hf_revoked")
    for call in (lambda: api.model_info("Alice/open"), lambda: api.whoami()):
        with pytest.raises(HfHubHTTPError) as info:
            call()
        # not RepositoryNotFoundError: the library keeps this 401 apart (utils/_http.py)
        assert not isinstance(info.value, RepositoryNotFoundError)
        assert info.value.response.status_code == 401
        assert "Invalid credentials" in str(info.value.response.headers["X-Error-Message"])
        assert info.value.response.headers["RateLimit"].startswith('"api";r=')
    response = httpx2.get(
        f"{hub.url}/api/users/Alice/overview", headers={"Authorization": "Bearer hf_revoked"}
    )
    assert response.status_code == 401
    assert HfApi(endpoint=hub.url, token="hf_good").whoami()["name"] == "bot-operator"
    assert HfApi(endpoint=hub.url, token=False).model_info("Alice/open").id == "Alice/open"


def test_gated_files_need_a_login(hub: FakeHub, tmp_path: Path) -> None:
    with pytest.raises(GatedRepoError):
        hf_hub_download("Alice/locked", "a.txt", cache_dir=tmp_path, token=False, endpoint=hub.url)
    path = hf_hub_download("Alice/open", "a.txt", cache_dir=tmp_path, token=False, endpoint=hub.url)
    assert Path(path).read_bytes() == b"hello"


def test_rate_limit_headers_on_every_answer_and_missing_counts(hub: FakeHub) -> None:
    answer = httpx2.get(f"{hub.url}/api/organizations/acme/overview")
    assert answer.status_code == 200
    assert (
        answer.headers["RateLimit"].startswith('"api";r=')
        and ";r=0;" not in answer.headers["RateLimit"]
    )
    assert not {"numModels", "numDatasets", "numSpaces"} & set(answer.json())
