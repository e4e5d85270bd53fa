"""The OpenAPI 3.1 document of the read-only JSON API (served at /api/v1/openapi.json).

Schemas are JSON Schema 2020-12, as OpenAPI 3.1 has them: tests validate every API
response against them (tests/feeds/test_api.py)."""

from django.conf import settings


def _nullable(schema):
    return {"anyOf": [schema, {"type": "null"}]}


STRING = {"type": "string"}
DATE = {"type": "string", "format": "date"}
DATETIME = {"type": "string", "format": "date-time"}
URL = {"type": "string", "format": "uri"}

SCHEMAS = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {"error": STRING},
        "additionalProperties": False,
    },
    "Money": {
        "type": "object",
        "required": ["amount", "currency"],
        "properties": {
            "amount": {"type": "integer", "minimum": 0, "description": "Whole dong (VND)"},
            "currency": {"const": "VND"},
        },
        "additionalProperties": False,
    },
    "ShippingRate": {
        "type": "object",
        "required": ["country", "service", "price"],
        "properties": {
            "country": {"type": "string", "pattern": "^[A-Z]{2}$"},
            "service": {"enum": ["domestic", "international"]},
            "price": {"$ref": "#/components/schemas/Money"},
            "handling_days": {"type": "array", "items": {"type": "integer"}},
            "transit_days": {"type": "array", "items": {"type": "integer"}},
        },
        "additionalProperties": False,
    },
    "Seller": {
        "type": "object",
        "required": ["name", "url"],
        "properties": {"name": STRING, "url": _nullable(URL)},
        "additionalProperties": False,
    },
    "LotReference": {
        "type": "object",
        "required": ["gtin", "lot_number", "url", "trace_url"],
        "properties": {
            "gtin": {"type": "string", "pattern": "^[0-9]{14}$"},
            "lot_number": STRING,
            "url": URL,
            "trace_url": URL,
        },
        "additionalProperties": False,
    },
    "Product": {
        "type": "object",
        "required": [
            "id",
            "sku",
            "title",
            "description",
            "url",
            "image",
            "price",
            "availability",
            "for_sale",
            "gtin",
            "lot",
            "seller",
            "health_supplement",
            "shipping",
        ],
        "properties": {
            "id": {"type": "integer"},
            "sku": STRING,
            "title": STRING,
            "description": {"type": "string", "description": "Plain text"},
            "url": URL,
            "image": _nullable(URL),
            "product_type": STRING,
            "price": _nullable({"$ref": "#/components/schemas/Money"}),
            "availability": {"enum": ["in_stock", "out_of_stock"]},
            "availability_message": STRING,
            "for_sale": {
                "type": "boolean",
                "description": "Has a price and is not withheld by the traceability rule",
            },
            "gtin": _nullable({"type": "string", "pattern": "^[0-9]{8,14}$"}),
            "lot": _nullable({"$ref": "#/components/schemas/LotReference"}),
            "seller": _nullable({"$ref": "#/components/schemas/Seller"}),
            "health_supplement": {"type": "boolean"},
            "shipping": {"type": "array", "items": {"$ref": "#/components/schemas/ShippingRate"}},
        },
        "additionalProperties": False,
    },
    "Blocker": {
        "type": "object",
        "required": ["code", "message"],
        "properties": {"code": STRING, "message": STRING},
        "additionalProperties": False,
    },
    "SaleVerdict": {
        "type": "object",
        "required": ["sellable", "blockers", "checked_at"],
        "properties": {
            "sellable": {"type": "boolean"},
            "blockers": {"type": "array", "items": {"$ref": "#/components/schemas/Blocker"}},
            "checked_at": _nullable(DATETIME),
        },
        "additionalProperties": False,
    },
    "Lot": {
        "type": "object",
        "required": [
            "gtin",
            "lot_number",
            "product",
            "cooperative",
            "best_before",
            "released",
            "digital_link",
            "trace_url",
            "verdict_url",
            "sale",
            "summary",
        ],
        "properties": {
            "gtin": {"type": "string", "pattern": "^[0-9]{14}$"},
            "lot_number": STRING,
            "product": _nullable({"type": "integer"}),
            "cooperative": STRING,
            "best_before": _nullable(DATE),
            "released": {"type": "boolean"},
            "digital_link": URL,
            "trace_url": URL,
            "verdict_url": URL,
            "sale": {"$ref": "#/components/schemas/SaleVerdict"},
            "summary": {
                "type": "object",
                "description": "What the product page shows of the lot's provenance",
                "properties": {
                    "areas": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["code", "name", "status"],
                            "properties": {
                                "code": STRING,
                                "name": STRING,
                                "commune": STRING,
                                "land_type": STRING,
                                "status": STRING,
                            },
                        },
                    },
                    "harvested_on": _nullable(DATE),
                    "lab_test": _nullable(
                        {
                            "type": "object",
                            "required": ["lab", "certificate", "status"],
                            "properties": {
                                "lab": STRING,
                                "certificate": STRING,
                                "passed": _nullable({"type": "boolean"}),
                                "status": STRING,
                            },
                        }
                    ),
                },
            },
        },
        "additionalProperties": False,
    },
    "TraceVerdict": {
        "type": "object",
        "required": ["gtin", "lot_number", "sale", "chain"],
        "properties": {
            "gtin": {"type": "string", "pattern": "^[0-9]{14}$"},
            "lot_number": STRING,
            "sale": {"$ref": "#/components/schemas/SaleVerdict"},
            "chain": {
                "type": "object",
                "required": ["verified", "events_checked", "problems"],
                "properties": {
                    "verified": _nullable({"type": "boolean"}),
                    "events_checked": {"type": "integer", "minimum": 0},
                    "problems": {"type": "array", "items": STRING},
                    "checkpoint": _nullable(
                        {
                            "type": "object",
                            "required": ["created_at", "digest"],
                            "properties": {"created_at": DATETIME, "digest": STRING},
                        }
                    ),
                },
                "additionalProperties": False,
            },
        },
        "additionalProperties": False,
    },
}


def _page(item_ref):
    return {
        "type": "object",
        "required": ["count", "page", "page_size", "next", "previous", "results"],
        "properties": {
            "count": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "page_size": {"type": "integer", "minimum": 1},
            "next": _nullable(URL),
            "previous": _nullable(URL),
            "results": {"type": "array", "items": {"$ref": item_ref}},
        },
        "additionalProperties": False,
    }


SCHEMAS["ProductPage"] = _page("#/components/schemas/Product")
SCHEMAS["LotPage"] = _page("#/components/schemas/Lot")


def _json(ref, description):
    return {"description": description, "content": {"application/json": {"schema": {"$ref": ref}}}}


ERROR = "#/components/schemas/Error"


def _responses(ref, description, not_found=False):
    responses = {
        "200": _json(ref, description),
        "400": _json(ERROR, "A parameter is not valid"),
        "429": {
            "description": "Too many requests from this address; try again after Retry-After",
            "headers": {"Retry-After": {"schema": {"type": "integer"}}},
            "content": {"application/json": {"schema": {"$ref": ERROR}}},
        },
    }
    if not_found:
        responses["404"] = _json(ERROR, "Nothing with this identifier")
    return responses


def document():
    page_params = [
        {
            "name": "page",
            "in": "query",
            "schema": {"type": "integer", "minimum": 1, "default": 1},
        },
        {
            "name": "page_size",
            "in": "query",
            "schema": {
                "type": "integer",
                "minimum": 1,
                "maximum": settings.API_MAX_PAGE_SIZE,
                "default": settings.API_PAGE_SIZE,
            },
        },
    ]
    lang = {
        "name": "lang",
        "in": "query",
        "description": "Language of titles, descriptions and links",
        "schema": {"enum": ["vi", "en"], "default": "vi"},
    }
    gtin = {"name": "gtin", "in": "path", "required": True, "schema": {"type": "string"}}
    lot = {"name": "lot", "in": "path", "required": True, "schema": {"type": "string"}}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Sâm Lai Châu products and traceability",
            "version": "1.0.0",
            "description": (
                "Read-only. Products with the price and availability their pages show (VND), "
                "packed lots and their trace verdicts. Paginated; "
                f"{settings.API_REQUESTS_PER_MINUTE} requests per minute per client address "
                "(HTTP 429 with Retry-After beyond)."
            ),
            "license": {"name": "AGPL-3.0-or-later", "identifier": "AGPL-3.0-or-later"},
        },
        "servers": [{"url": settings.SITE_URL.rstrip("/") + "/api/v1"}],
        "paths": {
            "/products/": {
                "get": {
                    "operationId": "listProducts",
                    "summary": "Public products",
                    "parameters": [*page_params, lang],
                    "responses": _responses("#/components/schemas/ProductPage", "A page"),
                }
            },
            "/products/{id}/": {
                "get": {
                    "operationId": "getProduct",
                    "summary": "One product",
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer"},
                        },
                        lang,
                    ],
                    "responses": _responses(
                        "#/components/schemas/Product", "The product", not_found=True
                    ),
                }
            },
            "/lots/": {
                "get": {
                    "operationId": "listLots",
                    "summary": "Packed lots (GS1 GTIN + lot number)",
                    "parameters": [*page_params, lang],
                    "responses": _responses("#/components/schemas/LotPage", "A page"),
                }
            },
            "/lots/{gtin}/{lot}/": {
                "get": {
                    "operationId": "getLot",
                    "summary": "One packed lot",
                    "parameters": [gtin, lot, lang],
                    "responses": _responses("#/components/schemas/Lot", "The lot", not_found=True),
                }
            },
            "/lots/{gtin}/{lot}/verdict/": {
                "get": {
                    "operationId": "getTraceVerdict",
                    "summary": "The lot's trace verdict: may it be sold, and does its chain verify",
                    "parameters": [gtin, lot, lang],
                    "responses": _responses(
                        "#/components/schemas/TraceVerdict", "The verdict", not_found=True
                    ),
                }
            },
        },
        "components": {"schemas": SCHEMAS},
    }
