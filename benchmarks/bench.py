"""Measure the site as a reader gets it: bytes per page, Lighthouse scores, and the serve reload.

Usage (``make bench`` runs it with the project's .venv):

    python benchmarks/bench.py [--runs 3] [--edits 5] [--no-build] [--no-serve] [--lighthouse-pages P ...]

1. Builds the site (``mkdocs build``, strict, both languages) into ``site/`` and prints the time.
2. Serves ``site/`` on 127.0.0.1 (no compression, like the issue's measurement) and loads every page
   of both languages in Chromium, at 1280 px, scrolled through to the bottom a screen at a time
   (lazy images load, as for a reader): prints the bytes it loads (KB
   = 1000 bytes), its budget and its three biggest resources.
3. Where Lighthouse is installed (``npm install --no-save lighthouse``, then it is in
   node_modules/.bin), runs it ``--runs`` times on Home, a theory page and a notebook page
   (mobile setting, Lighthouse's default) and prints the median performance and accessibility
   scores, the total byte weight and the cumulative layout shift.
4. Starts ``mkdocs serve`` (English only, as ``make serve``; then both languages), appends a line to
   a Markdown page ``--edits`` times and prints the median time from saving the file to the server
   answering with the new page. The page is restored afterwards.

It prints numbers; it asserts nothing (the tests check bytes and violations, never time).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
BUDGET = {"markdown": 300_000, "notebook": 500_000}
LIGHTHOUSE_PAGES = ["", "theory/quadratic/", "basics/from-scratch/"]
EDITED_PAGE = ROOT / "docs" / "reference" / "references.md"
EDITED_URL = "reference/references/"


def machine() -> str:
    cpu = "?"
    if Path("/proc/cpuinfo").is_file():
        names = [line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                 if line.startswith("model name")]
        cpu = f"{names[0]} x {len(names)}" if names else cpu
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{platform.system()} {platform.machine()}, {cpu}, load average {load:.1f}, Python {platform.python_version()}"


def env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def build() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=ROOT, env=env(), check=True)
    return time.perf_counter() - start


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve_folder(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_port}"


def page_paths() -> list[str]:
    from tests.test_browser import page_paths as paths

    return paths()


def weigh(base: str, paths: list[str]) -> list[tuple[str, str, int, dict[str, int]]]:
    from playwright.sync_api import sync_playwright

    from tests.test_browser import SCROLL_THROUGH

    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        for path in paths:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            responses: list = []
            page.on("response", lambda response: responses.append(response))
            page.goto(f"{base}/{path}", wait_until="networkidle")
            page.evaluate(SCROLL_THROUGH)  # a screen at a time: lazy images load as for a reader
            page.wait_for_load_state("networkidle")
            kind = "notebook" if page.evaluate("document.querySelector('.jp-Notebook') !== null") else "markdown"
            sizes = {r.url.removeprefix(base + "/") or "/": len(r.body()) for r in responses}
            rows.append((path or "/", kind, sum(sizes.values()), sizes))
            context.close()
        browser.close()
    return rows


def lighthouse_binary() -> str | None:
    local = ROOT / "node_modules" / ".bin" / "lighthouse"
    return str(local) if local.exists() else shutil.which("lighthouse")


def lighthouse(binary: str, url: str, runs: int) -> dict[str, float]:
    results = []
    for _ in range(runs):
        out = subprocess.run(
            [binary, url, "--output=json", "--quiet", "--only-categories=performance,accessibility",
             "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking"],
            env={**env(), "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, check=True,
        ).stdout
        report = json.loads(out)
        audits = report["audits"]
        results.append({
            "performance": report["categories"]["performance"]["score"] * 100,
            "accessibility": report["categories"]["accessibility"]["score"] * 100,
            "bytes": audits["total-byte-weight"]["numericValue"],
            "cls": audits["cumulative-layout-shift"]["numericValue"],
        })
    return {key: statistics.median(result[key] for result in results) for key in results[0]}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=120) as response:
        return response.read().decode("utf-8")


def serve_reload(languages: str | None, edits: int) -> list[float]:
    """Seconds from saving a Markdown edit to `mkdocs serve` answering with the new page."""
    port = free_port()
    environment = env()
    if languages:
        environment["MOMENTUM_LANGUAGES"] = languages
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/{EDITED_URL}"
    original = EDITED_PAGE.read_text(encoding="utf-8")
    times = []
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                fetch(url)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("mkdocs serve did not start") from None
                time.sleep(0.2)
        for number in range(edits):
            marker = f"bench-edit-{number}-{time.time_ns()}"
            time.sleep(1.0)  # let the watcher settle between edits
            start = time.perf_counter()
            EDITED_PAGE.write_text(original + f"\n{marker}\n", encoding="utf-8")
            while marker not in fetch(url):
                if time.perf_counter() - start > 120:
                    raise RuntimeError("the edit never showed")
                time.sleep(0.01)
            times.append(time.perf_counter() - start)
    finally:
        EDITED_PAGE.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median)")
    parser.add_argument("--edits", type=int, default=5, help="Markdown edits under mkdocs serve (median)")
    parser.add_argument("--no-build", action="store_true", help="measure site/ as it is")
    parser.add_argument("--no-serve", action="store_true", help="skip the serve reload measurement")
    parser.add_argument("--lighthouse-pages", nargs="*", default=LIGHTHOUSE_PAGES)
    args = parser.parse_args()

    print(f"machine: {machine()}")
    if not args.no_build:
        print(f"mkdocs build (both languages, offline archive included): {build():.1f} s")
    site = ROOT / "site"
    httpd, base = serve_folder(site)
    try:
        print("\nbytes each page loads (KB = 1000 bytes; budget: Markdown 300, notebook 500)")
        over = 0
        for path, kind, total, sizes in weigh(base, page_paths()):
            top = ", ".join(f"{url} {size / 1000:.0f}" for url, size in sorted(sizes.items(), key=lambda kv: -kv[1])[:3])
            flag = "OVER" if total > BUDGET[kind] else "ok"
            over += flag == "OVER"
            print(f"  {flag:4} {total / 1000:6.0f} KB  {kind:8}  {path:40}  {top}")
        print(f"  {over} page(s) over budget")
        archive = site / "download" / "momentum-docs.zip"
        if archive.is_file():
            print(f"offline archive: {archive.stat().st_size / 1e6:.1f} MB")
        binary = lighthouse_binary()
        if binary is None:
            print("\nLighthouse: not installed (npm install --no-save lighthouse), scores skipped")
        else:
            print(f"\nLighthouse (mobile, median of {args.runs})")
            for path in args.lighthouse_pages:
                scores = lighthouse(binary, f"{base}/{path}", args.runs)
                print(f"  {path or '/':28} performance {scores['performance']:.0f}, accessibility "
                      f"{scores['accessibility']:.0f}, {scores['bytes'] / 1000:.0f} KB, CLS {scores['cls']:.3f}")
    finally:
        httpd.shutdown()
    if not args.no_serve:
        for languages, name in (("en", "English only (make serve)"), (None, "both languages (make serve-zh)")):
            times = serve_reload(languages, args.edits)
            print(f"\nmkdocs serve, {name}: Markdown edit to new page served, median of {len(times)}: "
                  f"{statistics.median(times):.2f} s (all: {', '.join(f'{t:.2f}' for t in times)})")


if __name__ == "__main__":
    main()
