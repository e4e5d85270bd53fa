"""A tiny stand-in for the few Stripe endpoints we call, on 127.0.0.1, so the real
stripe library runs against it (``STRIPE_API_BASE``). It also serves a "hosted
checkout" page whose Pay button sends the signed webhook a real Stripe would send."""

import itertools
import json
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import stripe


def flatten_form(body):
    """Stripe's form encoding (``a[b][0][c]=v``) back into nested dicts (enough for us)."""
    result = {}
    for key, values in parse_qs(body, keep_blank_values=True).items():
        parts = key.replace("]", "").split("[")
        target = result
        for part in parts[:-1]:
            target = target.setdefault(part, {})
        target[parts[-1]] = values[-1]
    return result


def sign(payload: str, secret: str, timestamp=None) -> str:
    return stripe.WebhookSignature.generate_signature_header(payload, secret, timestamp=timestamp)


class FakeStripe:
    def __init__(self, webhook_secret):
        self.webhook_secret = webhook_secret
        self.sessions = {}
        self.requests = []
        self.webhook_url = None  # set by browser tests: where "Pay" posts the event
        self._ids = itertools.count(1)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, status, data):
                body = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _html(self, html):
                body = html.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                path = urlparse(self.path).path
                fake.requests.append(("GET", path, None, dict(self.headers)))
                if path.startswith("/v1/checkout/sessions/"):
                    session = fake.sessions.get(path.rsplit("/", 1)[-1])
                    return self._json(200, session) if session else self._json(404, {})
                if path.startswith("/pay/"):
                    session = fake.sessions.get(path.rsplit("/", 1)[-1])
                    return self._html(
                        f"<html><body><h1>Fake Stripe</h1><p>{session['amount_total']} VND</p>"
                        f"<form method='post' action='/pay/{session['id']}'>"
                        "<button id='pay'>Pay</button></form></body></html>"
                    )
                return self._json(404, {})

            def do_POST(self):
                path = urlparse(self.path).path
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode()
                fake.requests.append(("POST", path, body, dict(self.headers)))
                if path == "/v1/checkout/sessions":
                    return self._json(200, fake.create_session(flatten_form(body), self))
                if path.startswith("/v1/checkout/sessions/") and path.endswith("/expire"):
                    session_id = path.split("/")[-2]
                    session = fake.sessions.get(session_id)
                    if not session or session["status"] != "open":
                        return self._json(400, {"error": {"message": "not open"}})
                    session["status"] = "expired"
                    return self._json(200, session)
                if path.startswith("/pay/"):
                    session = fake.sessions[path.rsplit("/", 1)[-1]]
                    fake.complete(session["id"])
                    fake.deliver(fake.event("checkout.session.completed", session))
                    self.send_response(303)
                    self.send_header("Location", session["success_url"])
                    self.end_headers()
                    return None
                return self._json(404, {})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def create_session(self, params, handler):
        session_id = f"cs_test_{next(self._ids):04d}"
        item = params["line_items"]["0"]
        amount = int(item["price_data"]["unit_amount"]) * int(item.get("quantity", 1))
        session = {
            "id": session_id,
            "object": "checkout.session",
            "url": f"{self.base}/pay/{session_id}",
            "status": "open",
            "payment_status": "unpaid",
            "amount_total": amount,
            "currency": item["price_data"]["currency"],
            "client_reference_id": params.get("client_reference_id"),
            "metadata": params.get("metadata", {}),
            "expires_at": int(params["expires_at"]),
            "success_url": params["success_url"],
            "cancel_url": params["cancel_url"],
            "payment_intent": None,
            "idempotency_key": handler.headers.get("Idempotency-Key"),
        }
        self.sessions[session_id] = session
        return session

    def complete(self, session_id):
        session = self.sessions[session_id]
        session.update(status="complete", payment_status="paid", payment_intent=f"pi_{session_id}")
        return session

    def event(self, kind, session, *, event_id=None, created=None):
        return json.dumps(
            {
                "id": event_id or f"evt_{kind.replace('.', '_')}_{session['id']}",
                "object": "event",
                "type": kind,
                "created": created or int(time.time()),
                "api_version": "2025-01-27.acacia",
                "data": {"object": dict(session)},
            }
        )

    def deliver(self, payload):
        """POST a signed event to the site's webhook, as Stripe does."""
        request = urllib.request.Request(
            self.webhook_url,
            data=payload.encode(),
            headers={
                "Content-Type": "application/json",
                "Stripe-Signature": sign(payload, self.webhook_secret),
            },
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status
