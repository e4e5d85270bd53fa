"""Provenance business rules as plain functions, one module per job:

- ``chain``: append an event to a cooperative's hash chain, verify chains, corrections;
- ``lots``: lots and their transformations (seedlings, planting, harvest, processing,
  packing), release and shipping;
- ``labs``: lab tests and their results;
- ``areas``: growing areas and their status;
- ``sale``: what may be sold (lineage, sale blockers, the cached verdict);
- ``sealed``: what an event seals about the rows beside the chain, and their check;
- ``checkpoints``: signed checkpoints of every chain's head.

Every write runs inside ``transaction.atomic`` and takes its row locks first (the
cooperative's chain, then the lots, in primary-key order); side effects that leave the
database (cache, logs) run ``on_commit``. ``from provenance import services`` and
``from provenance.services import X`` keep working: the public names are re-exported here.
"""

from provenance.services.areas import (
    affected_packed_lots,
    buyers_of_area,
    change_area_status,
    recall_area,
    reinstate_area,
    suspend_area,
)
from provenance.services.chain import (
    Step,
    Type,
    Verification,
    append_event,
    chain_name,
    check_all_rows,
    correct_event,
    lock_chains,
    timezone_offset,
    verify_chain,
    verify_chains,
    verify_events,
    verify_lineage,
)
from provenance.services.labs import check_lab_dates, record_lab_test, register_lab_test
from provenance.services.lots import (
    CORRECTABLE,
    MAX_OUTPUT_RATIO,
    check_harvest,
    check_inputs,
    check_lot_fields,
    check_new_lot_code,
    correct_lot,
    max_yield_kg_per_ha,
    pack_lot,
    record_harvest,
    record_lot,
    record_planting,
    record_processing,
    record_seedlings,
    record_shipment,
    refresh_lineage,
    refresh_lineage_downstream,
    release_lot,
    remaining,
    sealed_lot_state,
)
from provenance.services.sale import (
    Lineage,
    blocker_message,
    compute_blockers,
    current_lot,
    descendant_ids,
    load_lineage,
    refresh_dependants,
    refresh_sellability,
    sale_blockers,
    summarise,
)
from provenance.services.sealed import LOT_FIELDS, Mismatch

__all__ = [
    "CORRECTABLE",
    "LOT_FIELDS",
    "MAX_OUTPUT_RATIO",
    "Mismatch",
    "check_all_rows",
    "check_lab_dates",
    "check_lot_fields",
    "check_new_lot_code",
    "correct_lot",
    "lock_chains",
    "record_lot",
    "refresh_lineage_downstream",
    "sealed_lot_state",
    "verify_lineage",
    "Lineage",
    "Step",
    "Type",
    "Verification",
    "affected_packed_lots",
    "append_event",
    "blocker_message",
    "buyers_of_area",
    "chain_name",
    "change_area_status",
    "check_harvest",
    "check_inputs",
    "compute_blockers",
    "correct_event",
    "current_lot",
    "descendant_ids",
    "load_lineage",
    "max_yield_kg_per_ha",
    "pack_lot",
    "recall_area",
    "record_harvest",
    "record_lab_test",
    "record_planting",
    "record_processing",
    "record_seedlings",
    "record_shipment",
    "refresh_dependants",
    "refresh_lineage",
    "refresh_sellability",
    "register_lab_test",
    "reinstate_area",
    "release_lot",
    "remaining",
    "sale_blockers",
    "summarise",
    "suspend_area",
    "timezone_offset",
    "verify_chain",
    "verify_chains",
    "verify_events",
]
