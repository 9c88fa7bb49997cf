"""The tamper-evident record: SHA-256 links, and the check that names the first broken one.

Each version's digest is SHA-256 over the previous digest and the version's canonical content,
so changing any stored content (or a stored digest) breaks that link or the next one. Pure: the
Django side reads the rows into :class:`Link` values and stores what :func:`link_digest` gives.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

#: The "previous digest" of an organization's first version.
GENESIS = "0" * 64


def canonical(content: Mapping) -> str:
    """The one text form of a record's content: sorted keys, no spaces, UTF-8 kept."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def link_digest(previous_digest: str, content_text: str) -> str:
    return hashlib.sha256(f"{previous_digest}\n{content_text}".encode()).hexdigest()


@dataclass(frozen=True)
class Link:
    seq: int
    content: str
    previous_digest: str
    digest: str


@dataclass(frozen=True)
class Break:
    """The first link that does not hold, and why."""

    seq: int
    reason: str  # "content" (content or digest changed), "previous" (chain re-linked), "gap"


def first_break(links: Iterable[Link]) -> Break | None:
    """Walk the links in ``seq`` order; return the first one that does not hold, or None."""
    expected_previous = GENESIS
    expected_seq = 1
    for link in links:
        if link.seq != expected_seq:
            return Break(seq=expected_seq, reason="gap")
        if link.previous_digest != expected_previous:
            return Break(seq=link.seq, reason="previous")
        if link_digest(link.previous_digest, link.content) != link.digest:
            return Break(seq=link.seq, reason="content")
        expected_previous = link.digest
        expected_seq += 1
    return None
