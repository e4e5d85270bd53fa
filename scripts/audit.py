#!/usr/bin/env python
"""Lighthouse audit (issue 12): mobile profile, on the pages a buyer meets first.

    make audit            # after `make setup` (demo content)

Installs Lighthouse 12 with npm into var/audit/ (once), serves the site with gunicorn on
loopback (DEBUG off) and runs Lighthouse against Debian's Chromium (CHROME_PATH, default
/usr/bin/chromium) on the home, catalogue, product, trace and experience pages. Writes
var/audit/<page>.json and var/audit/report.md; exits 1 when a category scores under 95
or the home page weighs 600 KB or more on first load.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench  # noqa: E402  (same folder: servers, free ports, page paths)

ROOT = bench.ROOT
AUDIT = ROOT / "var" / "audit"
PAGES = ["home", "catalogue", "product", "trace", "experience"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
MIN_SCORE = 95
HOME_MAX_BYTES = 600 * 1024


def lighthouse():
    binary = AUDIT / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise SystemExit("make audit needs npm (apt-get install npm)")
        AUDIT.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [npm, "install", "--prefix", str(AUDIT), "--no-audit", "--no-fund", "lighthouse@12"],
            check=True,
        )
    return binary


def main():
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not Path(chrome).exists():
        raise SystemExit(f"no Chromium at {chrome}: apt-get install chromium or set CHROME_PATH")
    binary = lighthouse()
    paths = bench.page_paths()
    port = bench.free_port()
    server = bench.start_gunicorn(
        "config.wsgi_dev:application", port, bench.django_env(""), ROOT, 2
    )
    results, failed = {}, False
    try:
        bench.wait_for(f"http://127.0.0.1:{port}/healthz")
        for page in PAGES:
            out = AUDIT / f"{page}.json"
            subprocess.run(
                [
                    str(binary),
                    f"http://127.0.0.1:{port}{paths[page]}",
                    "--quiet",
                    "--output=json",
                    f"--output-path={out}",
                    "--only-categories=" + ",".join(CATEGORIES),
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
                    "--extra-headers",
                    json.dumps({"Accept-Language": "vi"}),
                ],
                check=True,
                env={**os.environ, "CHROME_PATH": chrome},
            )
            report = json.loads(out.read_text())
            scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
            weight = report["audits"]["total-byte-weight"]["numericValue"]
            results[page] = {"path": paths[page], "scores": scores, "bytes": int(weight)}
            ok = all(score >= MIN_SCORE for score in scores.values())
            if page == "home":
                ok = ok and weight < HOME_MAX_BYTES
            results[page]["ok"] = ok
            failed = failed or not ok
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
    lines = [
        "| page | performance | accessibility | best practices | SEO | weight | |",
        "|---|---|---|---|---|---|---|",
    ]
    for page, row in results.items():
        s = row["scores"]
        lines.append(
            f"| {page} | {s['performance']} | {s['accessibility']} | {s['best-practices']} | "
            f"{s['seo']} | {row['bytes'] / 1024:,.0f} KB | {'ok' if row['ok'] else 'FAILS'} |"
        )
    table = "\n".join(lines) + "\n"
    (AUDIT / "report.md").write_text(table)
    (AUDIT / "report.json").write_text(json.dumps(results, indent=2) + "\n")
    print(table)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
