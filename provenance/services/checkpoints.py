"""Signed checkpoints: the head (sequence, hash) of every chain, signed with the
Ed25519 key of ``provenance.signing`` and published (``/<lang>/trace/checkpoints/``, in
each EPCIS document). A hash chain alone cannot show what was cut off its end or that it
was re-sealed from some event on; a checkpoint signed earlier, of which outsiders keep
copies, can (the idea of Certificate Transparency's signed tree heads, RFC 9162)."""

import datetime
import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from provenance import signing
from provenance.hashing import canonical_json
from provenance.models import ChainCheckpoint, ProvenanceEvent
from provenance.services.chain import lock_chains

FORMAT = "samlaichau-provenance-checkpoint/1"
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Problem:
    """Something that disagrees with a signed checkpoint."""

    kind: str  # "truncated", "resealed", "missing", "signature", "regressed"
    chain: str = ""
    sequence: int = 0  # the sequence the checkpoint signed
    found: int = 0  # the sequence found (truncated, regressed)
    checkpoint: int = 0

    def __str__(self):
        return {
            "truncated": f"chain {self.chain} ends at #{self.found}, checkpoint "
            f"{self.checkpoint} signed it up to #{self.sequence} (events deleted)",
            "resealed": f"event {self.chain}#{self.sequence} is not the one checkpoint "
            f"{self.checkpoint} signed (chain re-sealed)",
            "missing": f"chain {self.chain} signed in checkpoint {self.checkpoint} is missing",
            "signature": f"checkpoint {self.checkpoint}: signature does not verify",
            "regressed": f"checkpoint {self.checkpoint}: chain {self.chain} went back from "
            f"#{self.found} to #{self.sequence}",
        }.get(self.kind, self.kind)


def payload_text(*, created_at, heads, previous_digest, key_id):
    """The exact text that is signed (canonical JSON: sorted keys, no spaces, UTF-8)."""
    return canonical_json(
        {
            "format": FORMAT,
            "createdAt": created_at,
            "heads": heads,
            "previous": previous_digest,
            "keyId": key_id,
        }
    )


def _iso(moment):
    return moment.astimezone(datetime.UTC).isoformat()


def current_heads():
    """``{chain: {"sequence": n, "hash": h}}`` of every chain now."""
    tops = ProvenanceEvent.objects.values("chain").annotate(top=Max("sequence"))
    wanted = {row["chain"]: row["top"] for row in tops}
    heads = {}
    if wanted:
        rows = ProvenanceEvent.objects.filter(sequence__in=set(wanted.values())).values_list(
            "chain", "sequence", "hash"
        )
        for chain, sequence, digest in rows:
            if wanted.get(chain) == sequence:
                heads[chain] = {"sequence": sequence, "hash": digest}
    return dict(sorted(heads.items()))


def create_checkpoint():
    """Sign the head of every chain now. Locks every chain (in pk order, as appends do)
    so no event is appended half-way."""
    from oscar.core.loading import get_model

    Partner = get_model("partner", "Partner")
    with transaction.atomic():
        lock_chains(list(Partner.objects.all()))
        heads = current_heads()
        last = ChainCheckpoint.objects.order_by("-pk").first()
        created = timezone.now().replace(microsecond=0)
        key_id = signing.key_id()
        text = payload_text(
            created_at=_iso(created),
            heads=heads,
            previous_digest=last.digest if last else "",
            key_id=key_id,
        )
        checkpoint = ChainCheckpoint(
            created_at=created,
            heads=heads,
            previous_digest=last.digest if last else "",
            payload=text,
            digest=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            signature=signing.sign(text.encode("utf-8")),
            key_id=key_id,
        )
        checkpoint.save()
    return checkpoint


def checkpoint_due():
    """After an append: is the latest checkpoint older than the interval setting?"""
    minutes = getattr(settings, "PROVENANCE_CHECKPOINT_INTERVAL_MINUTES", 0)
    if not minutes:
        return False
    last = ChainCheckpoint.objects.order_by("-pk").values_list("created_at", flat=True).first()
    return last is None or timezone.now() - last >= datetime.timedelta(minutes=minutes)


def schedule_checkpoint():
    """Called on commit of an append: enqueue a checkpoint when one is due. Never fails
    the request that appended."""
    try:
        if checkpoint_due():
            from provenance.tasks import checkpoint_chains

            checkpoint_chains.enqueue()
    except Exception:  # noqa: BLE001 - a missed checkpoint is taken at the next append or by cron
        logger.exception("could not take a provenance checkpoint")


def signature_ok(checkpoint):
    """The stored text is what was signed, its digest matches, and it names the heads."""
    text = checkpoint.payload.encode("utf-8")
    expected = payload_text(
        created_at=_iso(checkpoint.created_at),
        heads=checkpoint.heads,
        previous_digest=checkpoint.previous_digest,
        key_id=checkpoint.key_id,
    )
    return (
        checkpoint.payload == expected
        and hashlib.sha256(text).hexdigest() == checkpoint.digest
        and checkpoint.key_id == signing.key_id()
        and signing.verify(text, checkpoint.signature)
    )


def latest_checkpoint():
    return ChainCheckpoint.objects.order_by("-pk").first()


def compare_heads(checkpoint, events_by_chain, chains):
    """Problems of ``chains`` (names) against ``checkpoint``; ``events_by_chain``: the
    chains' events, each list in sequence order."""
    problems = []
    for chain in sorted(chains):
        head = checkpoint.heads.get(chain)
        if head is None:
            continue  # a chain begun after the checkpoint
        events = events_by_chain.get(chain, [])
        if not events:
            problems.append(Problem("missing", chain, head["sequence"], 0, checkpoint.pk))
            continue
        by_sequence = {e.sequence: e for e in events}
        top = max(by_sequence)
        if top < head["sequence"]:
            problems.append(Problem("truncated", chain, head["sequence"], top, checkpoint.pk))
        elif by_sequence.get(head["sequence"]) is None or (
            by_sequence[head["sequence"]].hash != head["hash"]
        ):
            problems.append(Problem("resealed", chain, head["sequence"], top, checkpoint.pk))
    return problems


def check_history():
    """Every checkpoint: signed by our key, linked to the one before, chains only grow."""
    problems = []
    previous = None
    for checkpoint in ChainCheckpoint.objects.order_by("pk"):
        if not signature_ok(checkpoint) or (
            previous is not None and checkpoint.previous_digest != previous.digest
        ):
            problems.append(Problem("signature", checkpoint=checkpoint.pk))
        if previous is not None:
            for chain, head in previous.heads.items():
                now = checkpoint.heads.get(chain)
                if now is None or now["sequence"] < head["sequence"]:
                    problems.append(
                        Problem(
                            "regressed",
                            chain,
                            now["sequence"] if now else 0,
                            head["sequence"],
                            checkpoint.pk,
                        )
                    )
        previous = checkpoint
    return problems


def check_against_checkpoint(result, all_chains=False):
    """Fill ``result.checkpoint`` and ``result.checkpoint_problems`` (a Verification):
    the chains verified must still hold the heads the latest checkpoint signed. With
    ``all_chains``, every signed chain is checked and every checkpoint's signature."""
    checkpoint = latest_checkpoint()
    result.checkpoint = checkpoint
    if checkpoint is None:
        return result
    by_chain = {}
    for event in result.events:
        by_chain.setdefault(event.chain, []).append(event)
    if all_chains:
        chains = set(checkpoint.heads) | set(by_chain)
        problems = check_history()
    else:
        chains = set(result.chains)
        if not chains & set(checkpoint.heads):
            result.checkpoint = None  # no checkpoint covers these chains yet
            return result
        problems = (
            [] if signature_ok(checkpoint) else [Problem("signature", checkpoint=checkpoint.pk)]
        )
    problems += compare_heads(checkpoint, by_chain, chains)
    result.checkpoint_problems = problems
    return result


def checkpoint_document(checkpoint, chains=None):
    """A checkpoint as published (JSON): what was signed, and how to check it."""
    return {
        "id": checkpoint.pk,
        "createdAt": _iso(checkpoint.created_at),
        "heads": checkpoint.heads
        if chains is None
        else {c: h for c, h in checkpoint.heads.items() if c in chains},
        "previous": checkpoint.previous_digest,
        "digest": checkpoint.digest,
        "keyId": checkpoint.key_id,
        "algorithm": "Ed25519",
        "signedText": checkpoint.payload,
        "signature": checkpoint.signature,
    }
