#!/usr/bin/env python
"""Throughput benchmark (issue 12): the site's anonymous pages against a bare Django view.

    make bench                                  # demo content, SQLite (var/db.sqlite3)
    make bench BENCH_ARGS="--products 1000"     # a catalogue of 1,000 traceable products
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/slc_bench make bench BENCH_ARGS="--products 1000"

Two servers run side by side on loopback, each gunicorn with 2 sync workers and DEBUG off:
the *ceiling*, a one-file Django project with one view and no middleware
(scripts/bench_ceiling.py), and the site. Load comes from wrk (Debian's package:
``apt-get install wrk``), 16 connections, so the load generator is not a Python process
competing with the servers for the same cores. Every round measures the ceiling, then each
page, each after a warm-up; there are 3 rounds and the report keeps the medians, so the
noise of a shared machine falls on both sides alike.

Writes var/bench/<database>-<products>.json and .md (the table for the README) and exits
1 when any page serves under 50 % of the ceiling's requests a second (search: 10 %), has a
p99 over 10 times the ceiling's, or answers anything but 200.

With --products N the catalogue is filled to N products (each with stock, a picture and a
complete provenance chain) once, in var/bench-N.sqlite3, or in DATABASE_URL's database
when it is set. Only 127.0.0.1 is ever contacted.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["home", "catalogue", "category", "product", "trace", "story", "experience", "search"]
# The least share of the ceiling's requests a second each page must serve.
TARGET = {page: 0.5 for page in PAGES} | {"search": 0.1}
P99_FACTOR = 10

WRK_SCRIPT = r"""
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) bad = 0 end
function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end
function done(summary, latency, requests)
  local non200 = 0
  for _, t in ipairs(threads) do non200 = non200 + t:get("bad") end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "non200": %d, "errors": %d, ' ..
    '"p50_us": %d, "p99_us": %d}\n',
    summary.requests, summary.duration, non200, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url, timeout=60):
    request = urllib.request.Request(url, headers={"Accept-Language": "vi"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers)


def wait_for(url, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if fetch(url, timeout=5)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"the server at {url} did not start")


def django_env(database_url):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev", "DJANGO_DEBUG": "0"}
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


COUNT_PRODUCTS = """
import django; django.setup()
from oscar.core.loading import get_model
print(get_model("catalogue", "Product").objects.count())
"""


def prepare_catalogue(count, database_url):
    """Fill the database to ``count`` products (demo content first); returns its URL."""
    url = database_url or f"sqlite:///{ROOT / 'var' / f'bench-{count}.sqlite3'}"
    env = django_env(url)
    python = str(ROOT / ".venv/bin/python")
    subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    have = subprocess.run(
        [python, "-c", COUNT_PRODUCTS], cwd=ROOT, env=env, check=True, capture_output=True
    )
    if int(have.stdout.split()[-1]) >= count and Path(env["WHOOSH_PATH"]).is_dir():
        return url  # made by an earlier run
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


def page_paths():
    """Each page's path, found in the database the site will serve."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.utils import translation
    from oscar.core.loading import get_model
    from wagtail.models import Locale

    from cms.models import StoryPage
    from provenance.models import Lot
    from tourism.models import ExperiencePage

    Product = get_model("catalogue", "Product")
    Category = get_model("catalogue", "Category")
    product = Product.objects.browsable().order_by("pk").first()
    if product is None:
        raise SystemExit("no products: run `make setup` first")
    category = (
        Category.objects.filter(productcategory__product__isnull=False)
        .order_by("depth", "path")
        .first()
    )
    lot = (
        Lot.objects.filter(kind=Lot.Kind.PACKED, is_sellable=True, product__isnull=False)
        .order_by("pk")
        .first()
    )
    vi = Locale.objects.get(language_code="vi")
    story = StoryPage.objects.live().filter(locale=vi).order_by("path").first()
    experience = ExperiencePage.objects.live().filter(locale=vi).order_by("path").first()
    missing = [
        name
        for name, found in [
            ("category", category),
            ("trace lot", lot),
            ("story", story),
            ("experience", experience),
        ]
        if found is None
    ]
    if missing:
        raise SystemExit(f"the database has no {', '.join(missing)}: run `make setup` first")
    with translation.override("vi"):
        return {
            "home": "/vi/",
            "catalogue": "/vi/shop/catalogue/",
            "category": category.get_absolute_url(),
            "product": product.get_absolute_url(),
            "trace": "/" + lot.digital_link_uri().split("/", 3)[3],
            "story": story.get_url(),
            "experience": experience.get_url(),
            "search": "/vi/shop/search/?q=sam+lai+chau",
        }


def start_gunicorn(app, port, env, cwd, workers):
    return subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            app,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
            "--timeout",
            "120",
        ],
        cwd=cwd,
        env=env,
        start_new_session=True,
    )


def run_wrk(wrk, script, url, seconds, connections):
    completed = subprocess.run(
        [
            wrk,
            "--threads",
            "2",
            "--connections",
            str(connections),
            "--duration",
            f"{int(seconds)}s",
            "--timeout",
            "30s",
            "--header",
            "Accept-Language: vi",
            "--script",
            script,
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    match = re.search(r"^BENCH (\{.*\})$", completed.stdout, re.M)
    if not match:
        raise SystemExit(f"wrk said:\n{completed.stdout}\n{completed.stderr}")
    data = json.loads(match.group(1))
    seconds_run = data["duration_us"] / 1e6
    return {
        "requests": data["requests"],
        "rps": data["requests"] / seconds_run if seconds_run else 0.0,
        "p50_ms": data["p50_us"] / 1000,
        "p99_ms": data["p99_us"] / 1000,
        "non200": data["non200"] + data["errors"],
    }


def median_of(runs, field):
    return statistics.median(run[field] for run in runs)


def table(report):
    ceiling = report["ceiling"]
    lines = [
        f"`make bench` on {report['database']}, {report['products']} products, "
        f"{report['rounds']} rounds of {report['seconds']:g} s a page, "
        f"{report['connections']} connections, gunicorn 2 sync workers, "
        f"page cache {'on' if report['page_cache'] else 'off'} ({report['date']})",
        "",
        "| page | req/s | share of the ceiling | target | p99 | non-200 | |",
        "|---|---|---|---|---|---|---|",
        f"| bare view (ceiling) | {ceiling['rps']:,.0f} | 100 % | | "
        f"{ceiling['p99_ms']:.1f} ms | {ceiling['non200']} | |",
    ]
    for name, row in report["pages"].items():
        lines.append(
            f"| {name} | {row['rps']:,.1f} | {row['share'] * 100:.1f} % | "
            f"{TARGET[name] * 100:.0f} % | {row['p99_ms']:.1f} ms | {row['non200']} | "
            f"{'ok' if row['ok'] else 'FAILS'} |"
        )
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=5, help="load per page and round")
    parser.add_argument("--warmup", type=int, default=1, help="warm-up per page and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (both)")
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--products", type=int, default=0, help="a catalogue of N products")
    parser.add_argument("--out", default=str(ROOT / "var" / "bench"))
    parser.add_argument(
        "--prepare-only", action="store_true", help="fill the catalogue, measure nothing"
    )
    args = parser.parse_args()

    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("make bench needs wrk: apt-get install wrk (Debian's package)")
    database_url = os.environ.get("DATABASE_URL", "")
    if args.products:
        tag = "pg" if database_url.startswith("postgres") else "sqlite"
        os.environ["WHOOSH_PATH"] = str(ROOT / "var" / f"whoosh-bench-{tag}-{args.products}")
        database_url = prepare_catalogue(args.products, database_url)
        os.environ["DATABASE_URL"] = database_url
    if args.prepare_only:
        return 0
    database = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    pages = args.pages.split(",")
    paths = page_paths()

    site_port, ceiling_port = free_port(), free_port()
    # The site's cache is its own: no other process on the machine bumps its generation.
    cache_dir = tempfile.mkdtemp(prefix="slc-bench-cache-")
    site = start_gunicorn(
        "config.wsgi_dev:application",
        site_port,
        {**django_env(database_url), "CACHE_DIR": cache_dir},
        ROOT,
        args.workers,
    )
    ceiling_server = start_gunicorn(
        "bench_ceiling:application",
        ceiling_port,
        {**os.environ, "DJANGO_SETTINGS_MODULE": ""},
        ROOT / "scripts",
        args.workers,
    )
    site_url, ceiling_url = f"http://127.0.0.1:{site_port}", f"http://127.0.0.1:{ceiling_port}/"
    runs = {"ceiling": [], **{page: [] for page in pages}}
    cache_state = {}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script_file:
        script_file.write(WRK_SCRIPT)
    try:
        wait_for(ceiling_url)
        wait_for(site_url + "/healthz")
        for page in pages:
            status, headers = fetch(site_url + paths[page])
            if status != 200:
                raise SystemExit(f"{page} ({paths[page]}) answers {status}")
        for round_number in range(1, args.rounds + 1):
            print(f"round {round_number}/{args.rounds}", flush=True)
            for name, url in [("ceiling", ceiling_url)] + [
                (page, site_url + paths[page]) for page in pages
            ]:
                run_wrk(wrk, script_file.name, url, args.warmup, 4)
                result = run_wrk(wrk, script_file.name, url, args.seconds, args.connections)
                runs[name].append(result)
                print(
                    f"  {name:<11} {result['rps']:>9.1f} req/s  p50 {result['p50_ms']:>7.1f} ms"
                    f"  p99 {result['p99_ms']:>7.1f} ms  non-200 {result['non200']}",
                    flush=True,
                )
        for page in pages:
            cache_state[page] = fetch(site_url + paths[page])[1].get("X-Page-Cache", "")
    finally:
        for server in (site, ceiling_server):
            os.killpg(server.pid, signal.SIGTERM)
        for server in (site, ceiling_server):
            server.wait(timeout=60)
        os.unlink(script_file.name)
        shutil.rmtree(cache_dir, ignore_errors=True)

    ceiling = {
        "rps": median_of(runs["ceiling"], "rps"),
        "p99_ms": median_of(runs["ceiling"], "p99_ms"),
        "non200": sum(run["non200"] for run in runs["ceiling"]),
        "runs": runs["ceiling"],
    }
    report = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "database": database,
        "products": args.products or "demo",
        "rounds": args.rounds,
        "seconds": args.seconds,
        "connections": args.connections,
        "workers": args.workers,
        "page_cache": any(cache_state.values()),
        "ceiling": ceiling,
        "pages": {},
    }
    failed = False
    for page in pages:
        rps, p99 = median_of(runs[page], "rps"), median_of(runs[page], "p99_ms")
        non200 = sum(run["non200"] for run in runs[page])
        share = rps / ceiling["rps"] if ceiling["rps"] else 0.0
        ok = share >= TARGET[page] and p99 <= P99_FACTOR * ceiling["p99_ms"] and non200 == 0
        failed = failed or not ok
        report["pages"][page] = {
            "path": paths[page],
            "rps": rps,
            "share": share,
            "p99_ms": p99,
            "non200": non200,
            "page_cache": cache_state.get(page, ""),
            "ok": ok,
            "runs": runs[page],
        }
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stem = f"{database.lower()}-{report['products']}"
    (out / f"{stem}.json").write_text(json.dumps(report, indent=2) + "\n")
    markdown = table(report)
    (out / f"{stem}.md").write_text(markdown)
    print()
    print(markdown)
    print(f"report: {out / stem}.json and .md")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
