"""The three kinds of Hub repo and every way they are written: API collection, URL prefix,
fields asked for when listing, the words people read, the `hf download --repo-type` value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

RepoType = Literal["model", "dataset", "space"]


@dataclass(frozen=True)
class RepoTypeInfo:
    """How one repo type is named and asked for."""

    type: RepoType
    """The Hub's own value: `repo_type=` of huggingface_hub and `hf download --repo-type`."""
    plural: str
    """The API collection (`/api/{plural}`), the link segment and the backup folder name."""
    url_prefix: str
    """What comes between the Hub's address and a repo id in the repo's page URL."""
    expand: tuple[str, ...]
    """`expand=` fields of a listing: only values of huggingface_hub's `Expand*Property_T`
    lists (hf_api.py), as the Hub answers 400 to others."""
    one: str
    """The word in sentences, one repo ("model", "Space")."""
    many: str
    """The word in sentences, several repos; also the part's name in a report."""

    @property
    def label(self) -> str:
        """A heading: "Models", "Datasets", "Spaces"."""
        return self.many[:1].upper() + self.many[1:]

    def noun(self, count: int) -> str:
        """`one` or `many` for `count` repos."""
        return self.one if count == 1 else self.many


REPO_TYPES: dict[RepoType, RepoTypeInfo] = {
    "model": RepoTypeInfo(
        type="model",
        plural="models",
        url_prefix="",
        expand=("lastModified", "likes", "downloads", "private", "disabled", "gated"),
        one="model",
        many="models",
    ),
    "dataset": RepoTypeInfo(
        type="dataset",
        plural="datasets",
        url_prefix="datasets/",
        expand=("lastModified", "likes", "downloads", "private", "disabled", "gated"),
        one="dataset",
        many="datasets",
    ),
    "space": RepoTypeInfo(
        type="space",
        plural="spaces",
        url_prefix="spaces/",
        expand=("lastModified", "likes", "private", "disabled", "runtime"),
        one="Space",
        many="Spaces",
    ),
}
"""Every repo type, in the order reports show them."""

BY_PLURAL: dict[str, RepoType] = {info.plural: info.type for info in REPO_TYPES.values()}
"""A link's first path segment (`/spaces/...`) → the repo type."""

LABELS = {"Models": "Models", "Datasets": "Datasets", "Spaces": "Spaces"}
"""The headings (`RepoTypeInfo.label`), listed for translation (`bot.i18n.t(info.label)`)."""
