"""Load every built page in a real Chromium: nothing remote, no console errors, all math and images."""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import BuiltSite

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ON_CI = os.environ.get("CI", "").lower() == "true"


def require_browser() -> None:
    missing = []
    if not Path(CHROMIUM).exists():
        missing.append(f"Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("playwright for Python (pip install playwright)")
    if missing:
        reason = "the browser test needs " + " and ".join(missing)
        if ON_CI:
            pytest.fail(reason + "; on CI it must run", pytrace=False)
        pytest.skip(reason)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server(built_site: BuiltSite) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(built_site.path))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield browser
        browser.close()


# collected before the build runs, so the list comes from the sources: every page in both languages
def page_paths() -> list[str]:
    import yaml

    root = Path(__file__).resolve().parent.parent
    nav = yaml.safe_load((root / "mkdocs.yml").read_text())["nav"]

    def walk(items: list) -> Iterator[str]:
        for item in items:
            for value in item.values():
                if isinstance(value, list):
                    yield from walk(value)
                else:
                    page = str(Path(value).with_suffix(""))
                    yield "" if page == "index" else page + "/"

    pages = list(walk(nav))
    return pages + ["zh/" + page for page in pages] + ["404.html"]


CHECKS = """() => {
  const math = [...document.querySelectorAll('.arithmatex')];
  const rawMath = [...document.querySelectorAll('.jp-MarkdownOutput')]
    .filter(cell => /\\$[^$\\s][^$]*\\$/.test(cell.innerText));
  // a figure behind a mounted widget is neither shown nor fetched (overrides/assets/stylesheets/widgets.css)
  const images = [...document.images].filter(img => !img.closest('.momentum-widget.mw-mounted:not(.mw-failed)'));
  return {
    math: math.length,
    untypeset: math.filter(el => !el.querySelector('.katex')).map(el => el.textContent.slice(0, 60)),
    katexErrors: [...document.querySelectorAll('.katex-error')].map(el => el.textContent.slice(0, 60)),
    rawMath: rawMath.map(cell => cell.innerText.slice(0, 60)),
    brokenImages: images.filter(img => !img.complete || img.naturalWidth === 0).map(img => img.src),
    images: images.length,
  };
}"""


@pytest.mark.parametrize("path", page_paths())
def test_page_loads_cleanly(path: str, server: str, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    outside, errors = [], []
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server) else (
        outside.append(route.request.url), route.abort()))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(f"{server}/{path}", wait_until="networkidle")
    assert response is not None and (response.ok or path == "404.html")
    page.wait_for_function("document.fonts.status === 'loaded'")
    result = page.evaluate(CHECKS)
    page.close()
    assert outside == [], "requests to other hosts"
    assert errors == [], "console errors"
    assert result["untypeset"] == [] and result["katexErrors"] == [] and result["rawMath"] == []
    assert result["brokenImages"] == []
