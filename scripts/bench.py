#!/usr/bin/env python
"""Throughput benchmark: serves the site with gunicorn on loopback and loads its pages.

    make bench                     # after `make setup` (demo content)
    .venv/bin/python scripts/bench.py --seconds 10 --clients 8 --min-rps 50
    .venv/bin/python scripts/bench.py --products 1000   # a catalogue of 1,000 products

With --products N the benchmark runs on its own SQLite database (var/bench-N.sqlite3):
the demo content plus generated products, each with a stock record, a picture and a
complete provenance chain, made once and kept for the next run.

For each page it runs CLIENTS keep-alive connections for SECONDS and reports requests
per second, latency percentiles and every non-200 answer. Exits 1 if any request failed
or a page is slower than --min-rps. Only 127.0.0.1 is ever contacted.
"""

import argparse
import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not start")


def prepare_catalogue(count):
    """A database with the demo content and ``count`` products in all; returns its URL."""
    path = ROOT / "var" / f"bench-{count}.sqlite3"
    url = f"sqlite:///{path}"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    python = str(ROOT / ".venv/bin/python")
    subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([python, "manage.py", "load_demo", "--no-index"], cwd=ROOT, env=env, check=True)
    code = f"""
import django; django.setup()
from django.apps import apps
from django.db import transaction
from oscar.core.loading import get_model
from shop.search.indexing import rebuild_product_index
import factory
import tests.factories, tests.provenance.factories
from tests.factories import ProductFactory
Product = get_model("catalogue", "Product")
# Start the factories' sequences past the demo's codes (growing areas, lots, UPCs).
for module in (tests.factories, tests.provenance.factories):
    for value in vars(module).values():
        if isinstance(value, type) and issubclass(value, factory.django.DjangoModelFactory):
            value.reset_sequence(7000 + Product.objects.count())
missing = {count} - Product.objects.count()
if missing > 0:
    signals = apps.get_app_config("haystack").signal_processor
    signals.teardown()
    with transaction.atomic():
        for _ in range(missing):
            ProductFactory(stock=20, image=True)
    signals.setup()
    print(f"added {{missing}} products")
rebuild_product_index()
"""
    subprocess.run([python, "-c", code], cwd=ROOT, env=env, check=True)
    return url


def product_path():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.utils import translation
    from oscar.core.loading import get_model

    product = get_model("catalogue", "Product").objects.browsable().order_by("pk").first()
    if product is None:
        raise SystemExit("no products: run `make setup` first")
    with translation.override("vi"):
        return product.get_absolute_url()


def load(port, path, clients, seconds):
    latencies, failures = [], []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, bad = [], []
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Accept-Language": "vi"})
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    bad.append(response.status)
            except (OSError, http.client.HTTPException) as exc:
                bad.append(type(exc).__name__)
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)
            failures.extend(bad)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    latencies.sort()

    def pct(p):
        return (
            latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1000 if latencies else 0
        )

    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies) * 1000 if latencies else 0,
        "p95_ms": pct(0.95),
        "failures": failures,
    }


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2) + 1)
    parser.add_argument("--min-rps", type=float, default=0, help="fail if any page is slower")
    parser.add_argument("--pages", default="home,catalogue,product,story")
    parser.add_argument(
        "--products", type=int, default=0, help="benchmark a catalogue of N products"
    )
    args = parser.parse_args()
    if args.products:
        os.environ["WHOOSH_PATH"] = str(ROOT / "var" / f"whoosh-bench-{args.products}")
        os.environ["DATABASE_URL"] = prepare_catalogue(args.products)

    paths = {
        "home": "/vi/",
        "catalogue": "/vi/shop/catalogue/",
        "product": product_path(),
        "story": "/vi/cau-chuyen/",
        "search": "/vi/shop/search/?q=sam+lai+chau",
    }
    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev", "DJANGO_DEBUG": "0"}
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi_dev:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    failed = False
    try:
        wait_for(port)
        print(
            f"gunicorn, {args.workers} workers, {args.clients} clients, {args.seconds:.0f} s a page"
        )
        print(f"{'page':<10} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8}  failures")
        for name in args.pages.split(","):
            path = paths[name]
            load(port, path, 2, 1)  # warm-up: renditions, caches, connections
            result = load(port, path, args.clients, args.seconds)
            bad = result["failures"]
            print(
                f"{name:<10} {result['requests']:>9} {result['rps']:>8.1f} {result['p50_ms']:>8.1f} "
                f"{result['p95_ms']:>8.1f}  {len(bad)}{' ' + str(sorted(set(map(str, bad)))) if bad else ''}"
            )
            if bad or (args.min_rps and result["rps"] < args.min_rps):
                failed = True
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
