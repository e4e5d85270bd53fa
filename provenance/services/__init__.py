"""Provenance business rules as plain functions, one module per job:

- ``chain``: append an event to a cooperative's hash chain, verify chains, corrections;
- ``lots``: lots and their transformations (seedlings, planting, harvest, processing,
  packing), release and shipping;
- ``labs``: lab tests and their results;
- ``areas``: growing areas and their status;
- ``sale``: what may be sold (lineage, sale blockers, the cached verdict).

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
    correct_event,
    timezone_offset,
    verify_chain,
    verify_chains,
    verify_events,
)
from provenance.services.labs import (
    judge_lab_test,
    record_lab_test,
    register_lab_test,
    rejudge_awaiting_tests,
    review_reason_message,
)
from provenance.services.lots import (
    MAX_OUTPUT_RATIO,
    check_company_prefix,
    check_gtin_owner,
    check_harvest,
    check_inputs,
    check_mass_balance,
    max_yield_kg_per_ha,
    pack_lot,
    pack_net_weight_g,
    prefix_of_gtin,
    record_harvest,
    record_lot_from_admin,
    record_planting,
    record_processing,
    record_seedlings,
    record_shipment,
    refresh_lineage,
    register_company_prefix,
    release_lot,
    remaining,
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

__all__ = [
    "check_company_prefix",
    "register_company_prefix",
    "prefix_of_gtin",
    "pack_net_weight_g",
    "check_mass_balance",
    "check_gtin_owner",
    "review_reason_message",
    "rejudge_awaiting_tests",
    "judge_lab_test",
    "MAX_OUTPUT_RATIO",
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
    "record_lot_from_admin",
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
