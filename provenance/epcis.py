"""Provenance events as an EPCIS 2.0 JSON-LD document (pure: content dicts in, dict out)."""

EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
NAMESPACE = "slc"


def lot_uri(entry, base):
    """A lot as an EPC class: its Digital Link URI when it has a GTIN, else a URN."""
    if entry.get("gtin"):
        from provenance.gs1 import make_link

        return make_link(entry["gtin"], entry["lotNumber"]).uri(base)
    return f"urn:samlaichau:lot:{entry['lot']}"


def location_uri(where):
    if not where:
        return None
    kind = "area" if where.get("kind") == "growing_area" else "facility"
    return f"urn:samlaichau:{kind}:{where['code']}"


def _quantity(entry, base):
    item = {"epcClass": lot_uri(entry, base)}
    if entry.get("quantity") is not None:
        item["quantity"] = float(entry["quantity"])
        if entry.get("uom") and entry["uom"] != "EA":
            item["uom"] = entry["uom"]
    return item


def event_to_epcis(content, event_hash, base, recorded_at=None):
    event = {
        "type": content["type"],
        "eventID": f"ni:///sha-256;{event_hash}?ver=CBV2.0",
        "eventTime": content["eventTime"],
        "eventTimeZoneOffset": content["eventTimeZoneOffset"],
        "bizStep": content["bizStep"]
        if content["bizStep"] != "transforming"
        else f"{base.rstrip('/')}/voc/bizstep/transforming",
    }
    if recorded_at:
        event["recordTime"] = recorded_at
    if content["type"] == "ObjectEvent":
        event["action"] = content.get("action") or "OBSERVE"
        event["quantityList"] = [_quantity(e, base) for e in content.get("objects", [])]
    else:
        event["inputQuantityList"] = [_quantity(e, base) for e in content.get("inputs", [])]
        event["outputQuantityList"] = [_quantity(e, base) for e in content.get("outputs", [])]
    if content.get("disposition"):
        event["disposition"] = content["disposition"]
    location = location_uri(content.get("where"))
    if location:
        event["readPoint"] = {"id": location}
        event["bizLocation"] = {"id": location}
    serials = (content.get("details") or {}).get("serials") or []
    outputs = content.get("outputs") or []
    if serials and outputs and outputs[0].get("gtin"):
        from provenance.gs1 import make_link

        event["outputEPCList"] = [
            make_link(outputs[0]["gtin"], outputs[0]["lotNumber"], s).uri(base) for s in serials
        ]
    certificates = [d for d in content.get("documents", []) if d.get("kind") == "lab_certificate"]
    if certificates:
        event["certificationInfo"] = [
            f"urn:samlaichau:certificate:{d['number']}" for d in certificates
        ]
    event[f"{NAMESPACE}:step"] = content.get("step")
    event[f"{NAMESPACE}:recordedBy"] = content.get("recordedBy")
    if content.get("corrects"):
        event[f"{NAMESPACE}:corrects"] = f"ni:///sha-256;{content['corrects']}?ver=CBV2.0"
    if content.get("details"):
        details = {k: v for k, v in content["details"].items() if k != "serials"}
        if details:
            event[f"{NAMESPACE}:details"] = details
    return event


def epcis_document(events, base, created, checkpoint=None):
    """``events``: iterable of ``(content, hash, recorded_at_iso)``; ``checkpoint``: the
    latest signed checkpoint of the chains (a dict), put in the header as an extension."""
    document = {
        "@context": [EPCIS_CONTEXT, {NAMESPACE: base.rstrip("/") + "/voc/"}],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": created,
        "epcisBody": {
            "eventList": [
                event_to_epcis(content, digest, base, recorded)
                for content, digest, recorded in events
            ]
        },
    }
    if checkpoint:
        document["epcisHeader"] = {f"{NAMESPACE}:checkpoint": checkpoint}
    return document
