"""Canonical JSON and the hash chain of provenance events (pure, no Django).

Each event's hash is SHA-256 over the canonical JSON of ``{"content": ..., "previous":
previous_hash}``; the first event of a chain has ``previous`` = ``GENESIS``.
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

GENESIS = "0" * 64


def _default(value):
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"not canonical JSON: {type(value).__name__}")


def canonical_json(data) -> str:
    """Sorted keys, no spaces, UTF-8 text kept: the same data always gives the same text."""
    return json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_default
    )


def normalise(data):
    """The data as it will read back from a JSON column (Decimals, dates -> strings)."""
    return json.loads(canonical_json(data))


def event_hash(content, previous_hash: str) -> str:
    payload = canonical_json({"content": content, "previous": previous_hash})
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainRecord:
    """One stored event as the verifier sees it."""

    ident: object
    sequence: int
    content: dict
    previous_hash: str
    hash: str


@dataclass(frozen=True)
class ChainVerdict:
    ok: bool
    checked: int
    failed_ident: object = None
    reason: str = ""


def verify_records(records: Iterable[ChainRecord]) -> ChainVerdict:
    """Check one chain, in sequence order: every hash matches its content and the link
    to the event before. Stops at the first failure and names it."""
    expected_previous = GENESIS
    expected_sequence = 1
    checked = 0
    for record in records:
        if record.sequence != expected_sequence:
            return ChainVerdict(False, checked, record.ident, "sequence")
        if record.previous_hash != expected_previous:
            return ChainVerdict(False, checked, record.ident, "link")
        if event_hash(record.content, record.previous_hash) != record.hash:
            return ChainVerdict(False, checked, record.ident, "hash")
        checked += 1
        expected_previous = record.hash
        expected_sequence += 1
    return ChainVerdict(True, checked)
