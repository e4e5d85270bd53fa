"""Request ids and JSON logs, for several app servers behind a load balancer.

``RequestIdMiddleware`` gives every request an id: the load balancer's ``X-Request-ID``
when it sends a sane one (nginx: ``proxy_set_header X-Request-ID $request_id``),
otherwise a new one. The id is echoed in the response's ``X-Request-ID`` header and put
on every log record written while the request runs (``RequestIdFilter``), so one line in
nginx's log, the app's log lines and an error report can be found together.

``JsonFormatter`` writes one JSON object a line (time, level, logger, message, request
id, and the traceback of an exception): production's log format (config/settings/
production.py), read by journald, Docker or any log collector."""

import contextvars
import json
import logging
import re
import uuid
from datetime import UTC, datetime

REQUEST_ID_HEADER = "X-Request-ID"
_SANE_ID = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")
_request_id = contextvars.ContextVar("request_id", default=None)


def current_request_id():
    return _request_id.get()


def accepted_request_id(value):
    """The incoming id when it is a short token (ids are copied into logs), else a new one."""
    if value and _SANE_ID.match(value):
        return value
    return uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = accepted_request_id(request.headers.get(REQUEST_ID_HEADER))
        request.request_id = request_id
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Puts ``request_id`` on every record (None outside a request)."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id()
        return True


_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message",
    "asctime",
    "request_id",
    "request",
    "status_code",
}


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or current_request_id(),
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "method"):
            entry["method"] = request.method
            entry["path"] = request.path
        if getattr(record, "status_code", None) is not None:
            entry["status"] = record.status_code
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value if isinstance(value, str | int | float | bool) else repr(value)
        return json.dumps(entry, ensure_ascii=False)
