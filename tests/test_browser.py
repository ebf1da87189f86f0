"""Every built page of both languages in a real Chromium, as a reader gets it.

For each page (the nav of mkdocs.yml, in English and under /zh/, and the 404 page):

* nothing is requested from another host, and the console shows no error (a blocked request or a
  Content-Security-Policy violation is a console error);
* every formula is MathML, no raw TeX is visible, every image loads and has alt text;
* the bytes the page loads, everything counted (HTML, CSS, scripts, figures, fonts), stay within
  the budget: 300 KB for a Markdown page, 500 KB for a notebook page (KB = 1000 bytes), and a
  failure names the page and its biggest resources;
* axe-core finds no serious or critical violation, in the light and in the dark palette;
* in the dark palette no figure is a light box on the dark page;
* 390 px wide, the page never scrolls sideways (math, tables and code scroll in their own box);
* 1280 px wide, no code block scrolls sideways (its lines fit the content column).

Measuring is counting bytes and violations, never time.
"""

from __future__ import annotations

import functools
import io
import json
import os
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import ROOT, BuiltSite

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ON_CI = os.environ.get("CI", "").lower() == "true"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

#: bytes a page may load, everything counted (KB = 1000 bytes, as the issue and the README count)
BUDGET = {"markdown": 300_000, "notebook": 500_000}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def require_browser() -> None:
    missing = []
    if not Path(CHROMIUM).exists():
        missing.append(f"Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("playwright for Python (pip install playwright)")
    if not AXE.is_file():
        missing.append("axe-core (npm ci, which make test runs)")
    if missing:
        reason = "the browser test needs " + " and ".join(missing)
        if ON_CI:
            pytest.fail(reason + "; on CI it must run", pytrace=False)
        pytest.skip(reason)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    handler = functools.partial(QuietHandler, directory=str(folder))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_port}"


@pytest.fixture(scope="module")
def server(built_site: BuiltSite) -> Iterator[str]:
    httpd, url = serve(built_site.path)
    yield url
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

    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text())["nav"]

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


def test_every_built_page_is_checked(built_site: BuiltSite) -> None:
    """No page escapes the browser tests: the HTML pages of the site are exactly page_paths()."""
    built = set()
    for path in built_site.path.rglob("*.html"):
        relative = path.relative_to(built_site.path)
        if relative.as_posix() == "404.html":
            built.add("404.html")
            continue
        assert path.name == "index.html", relative
        folder = relative.parent.as_posix()
        built.add("" if folder == "." else folder + "/")
    assert built == set(page_paths())


# down the page a screen at a time, as a reader scrolls, so that every lazily loaded image loads
# (one jump to the bottom would skip those in between), then to the bottom
SCROLL_THROUGH = """async () => {
  for (let y = 0; y < document.body.scrollHeight; y += innerHeight) {
    scrollTo(0, y);
    await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 20)));
  }
  scrollTo(0, document.body.scrollHeight);
}"""


class Load:
    """One page loaded in a fresh browser context: what it requested, printed and weighed."""

    def __init__(self, browser, server: str, path: str, viewport: dict, scheme: str = "light") -> None:  # type: ignore[no-untyped-def]
        self.context = browser.new_context(viewport=viewport, color_scheme=scheme)
        self.page = self.context.new_page()
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.responses: list = []
        self.page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server) else (
            self.outside.append(route.request.url), route.abort()))
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("response", lambda response: self.responses.append(response))
        self.response = self.page.goto(f"{server}/{path}", wait_until="networkidle")
        self.page.evaluate(SCROLL_THROUGH)  # anything loaded on scroll, lazy images on the way included
        self.page.wait_for_load_state("networkidle")
        self.page.evaluate("window.scrollTo(0, 0)")
        self.server = server

    def weights(self) -> dict[str, int]:
        return {response.url.removeprefix(self.server + "/") or "/": len(response.body()) for response in self.responses}

    def axe(self, rules: list[str] | None = None) -> list[str]:
        """Serious and critical violations, one line each: rule, elements, first targets."""
        self.page.evaluate(AXE.read_text(encoding="utf-8"))  # evaluated by the browser, not a page script
        options = {"resultTypes": ["violations"]}
        if rules:
            options["runOnly"] = {"type": "rule", "values": rules}
        violations = self.page.evaluate("options => axe.run(document, options).then(r => r.violations)", options)
        return [
            f"{v['id']} ({v['impact']}, {len(v['nodes'])}): {v['help']}; e.g. {[n['target'] for n in v['nodes'][:3]]}"
            for v in violations
            if v["impact"] in {"serious", "critical"}
        ]

    def close(self) -> None:
        self.context.close()


CHECKS = """() => {
  const math = [...document.querySelectorAll('.arithmatex')];
  const clone = document.querySelector('.md-content').cloneNode(true);
  clone.querySelectorAll('pre, code, script, style, .clipboard-copy-txt, [hidden]').forEach(el => el.remove());
  const text = clone.textContent;
  const tex = text.match(/\\\\[(\\[]|\\\\(frac|gamma|eta|lambda|mathbf|sqrt|left|right)\\b|\\$[^$\\s]{1,40}\\$/g) || [];
  // a figure behind a mounted widget is neither shown nor fetched (overrides/assets/stylesheets/widgets.css)
  const images = [...document.querySelectorAll('.md-content img')]
    .filter(img => !img.closest('.momentum-widget.mw-mounted:not(.mw-failed)'));
  return {
    notebook: document.querySelector('.jp-Notebook') !== null,
    math: math.length,
    untypeset: math.filter(el => !el.querySelector('math')).map(el => el.textContent.slice(0, 60)),
    mathErrors: [...document.querySelectorAll('merror, .katex-error')].map(el => el.textContent.slice(0, 60)),
    tex: tex.slice(0, 5),
    brokenImages: images.filter(img => !img.complete || img.naturalWidth === 0).map(img => img.src),
    // three words at least, or in Chinese (no spaces between words) six characters at least
    withoutAlt: images.filter(img => {
      const alt = (img.getAttribute('alt') || '').trim();
      const words = alt.split(/\\s+/).length + (alt.match(/[\\u4e00-\\u9fff]/g) || []).length / 2;
      return words < 3 || /no description|无描述/i.test(alt);
    }).map(img => img.src),
  };
}"""


def biggest(weights: dict[str, int], count: int = 5) -> str:
    return ", ".join(f"{url} {size / 1000:.0f} KB" for url, size in sorted(weights.items(), key=lambda kv: -kv[1])[:count])


@pytest.mark.parametrize("path", page_paths())
def test_page_loads_cleanly_within_budget_and_accessible(path: str, server: str, browser) -> None:  # type: ignore[no-untyped-def]
    load = Load(browser, server, path, DESKTOP)
    try:
        assert load.response is not None and (load.response.ok or path == "404.html")
        load.page.wait_for_function("() => document.fonts.status === 'loaded'")
        result = load.page.evaluate(CHECKS)
        weights = load.weights()
        violations = load.axe()
    finally:
        load.close()
    kind = "notebook" if result["notebook"] else "markdown"
    total = sum(weights.values())
    problems = {
        "requests to other hosts": load.outside,
        "console errors": load.errors,
        "formulas not typeset": result["untypeset"] + result["mathErrors"],
        "raw TeX in the text": result["tex"],
        "images that do not load": result["brokenImages"],
        "images without alt text that says what they show": result["withoutAlt"],
        f"over the {BUDGET[kind] // 1000} KB budget of a {kind} page": [
            f"{path or '/'} loads {total / 1000:.0f} KB; biggest: {biggest(weights)}"
        ] if total > BUDGET[kind] else [],
        "axe: serious or critical violations": violations,
    }
    report = [f"{what}:\n  " + "\n  ".join(map(str, found)) for what, found in problems.items() if found]
    assert not report, "\n".join(report)



@pytest.mark.parametrize("path", page_paths())
def test_dark_palette_contrast_and_figures(path: str, server: str, browser) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image, ImageStat

    load = Load(browser, server, path, DESKTOP, scheme="dark")
    try:
        load.page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
        violations = load.axe(["color-contrast", "link-in-text-block"])
        light = []
        for image in load.page.locator(".md-content img").all():
            # a figure behind a mounted widget is not shown (test_widgets.py checks widgets in dark mode)
            if image.evaluate("img => img.closest('.momentum-widget.mw-mounted:not(.mw-failed)') !== null"):
                continue
            image.scroll_into_view_if_needed()
            pixels = Image.open(io.BytesIO(image.screenshot())).convert("L")
            mean = ImageStat.Stat(pixels).mean[0] / 255
            if mean > 0.5:
                light.append(f"{image.get_attribute('src')} (mean brightness {mean:.2f})")
    finally:
        load.close()
    assert violations == [], "axe in the dark palette\n" + "\n".join(violations)
    assert light == [], "figures that show as light boxes on the dark page"


WIDE = """() => {
  const page = document.documentElement.scrollWidth - window.innerWidth;
  const code = [...document.querySelectorAll('.md-content pre > code')]
    .filter(el => el.scrollWidth > el.clientWidth + 1)
    .map(el => el.textContent.split('\\n').reduce((a, b) => (b.length > a.length ? b : a), '').slice(0, 90));
  return {page, code};
}"""


@pytest.mark.parametrize("path", page_paths())
def test_no_sideways_scroll_at_390px(path: str, server: str, browser) -> None:  # type: ignore[no-untyped-def]
    load = Load(browser, server, path, PHONE)
    try:
        overflow = load.page.evaluate(WIDE)["page"]
    finally:
        load.close()
    assert overflow <= 0, f"the page scrolls sideways by {overflow} px at 390 px wide"


@pytest.mark.parametrize("path", page_paths())
def test_code_fits_the_desktop_column(path: str, server: str, browser) -> None:  # type: ignore[no-untyped-def]
    load = Load(browser, server, path, DESKTOP)
    try:
        code = load.page.evaluate(WIDE)["code"]
    finally:
        load.close()
    assert code == [], "code blocks that scroll sideways at 1280 px (longest line of each)"


def test_search_loads_its_index_only_when_opened_and_finds(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    load = Load(browser, server, "theory/quadratic/", DESKTOP)
    try:
        before = [url for url in load.weights() if "search" in url]
        load.page.keyboard.press("/")
        load.page.keyboard.type("nesterov")
        load.page.wait_for_selector(".md-search-result__item", timeout=15_000)
        titles = load.page.locator(".md-search-result__item").all_inner_texts()
        after = [url for url in load.weights() if "search" in url]
        name = load.page.evaluate("document.querySelector('.md-search').getAttribute('aria-label')")
    finally:
        load.close()
    assert before == []
    assert "search/search_index.json" in after and any("workers/search" in url for url in after)
    assert any("Nesterov" in title for title in titles) and name


def test_copying_a_formula_gives_its_tex(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    load = Load(browser, server, "theory/quadratic/", DESKTOP)
    try:
        copied = load.page.evaluate(
            """() => {
              const math = document.querySelector('.md-content div.arithmatex math');
              const paragraph = document.querySelector('.md-content p:has(> math)');
              const texts = [];
              for (const node of [math, paragraph]) {
                const range = document.createRange();
                range.selectNodeContents(node);
                getSelection().removeAllRanges();
                getSelection().addRange(range);
                const data = new DataTransfer();
                document.dispatchEvent(new ClipboardEvent('copy', {clipboardData: data, bubbles: true, cancelable: true}));
                texts.push(data.getData('text/plain'));
              }
              return {texts, display: math.getAttribute('alttext'),
                      inline: [...paragraph.querySelectorAll('math')].map(m => m.getAttribute('alttext'))};
            }"""
        )
    finally:
        load.close()
    display, paragraph = copied["texts"]
    assert display == f"$${copied['display']}$$"
    assert all(f"${tex}$" in paragraph for tex in copied["inline"]) and "<" not in paragraph


def test_offline_archive_works_from_disk(built_site: BuiltSite, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """download/momentum-docs.zip, unpacked and opened from file://: pages, links, figures and search
    work under the Content-Security-Policy, and nothing is requested from anywhere else."""
    import zipfile

    with zipfile.ZipFile(built_site.path / "download" / "momentum-docs.zip") as archive:
        archive.extractall(tmp_path)
    home = (tmp_path / "momentum-docs" / "index.html").as_uri()
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    outside, errors = [], []
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://") else (
        outside.append(route.request.url), route.abort()))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(home, wait_until="load")
        page.click("a.md-nav__link[href$='basics/from-scratch/index.html']")  # a notebook page
        page.wait_for_load_state("load")
        assert page.url.endswith("basics/from-scratch/index.html") and page.locator(".jp-Notebook").count() == 1
        page.click("a.md-nav__link[href$='theory/quadratic.html']")
        page.wait_for_load_state("load")
        assert page.url.endswith("theory/quadratic.html")
        assert page.locator("math").count() > 100 and page.evaluate(
            "[...document.images].every(img => img.complete && img.naturalWidth > 0)")
        page.keyboard.press("/")
        page.keyboard.type("nesterov")
        page.wait_for_selector(".md-search-result__item", timeout=20_000)
        titles = page.locator(".md-search-result__item").all_inner_texts()
        page.locator(".md-search-result__item a").first.click()
        page.wait_for_load_state("load")
        landed = page.url
    finally:
        context.close()
    assert any("Nesterov" in title for title in titles)
    assert landed.startswith("file://") and ".html" in landed
    assert outside == [] and errors == []


def test_the_policy_blocks_other_origins(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    """The Content-Security-Policy <meta> of a page refuses a script, an image and a fetch from
    another origin (here another port of 127.0.0.1) and an injected inline script."""
    load = Load(browser, server, "theory/quadratic/", DESKTOP)
    try:
        blocked = load.page.evaluate(
            """async () => {
              const other = 'http://127.0.0.1:9/';
              const seen = [];
              document.addEventListener('securitypolicyviolation', e => seen.push(e.effectiveDirective));
              const script = document.createElement('script'); script.src = other + 'x.js'; document.body.append(script);
              const inline = document.createElement('script'); inline.textContent = 'window.__ran = 1'; document.body.append(inline);
              const img = document.createElement('img'); img.src = other + 'x.png'; document.body.append(img);
              try { await fetch(other + 'x.json'); } catch (error) { }
              await new Promise(resolve => setTimeout(resolve, 300));
              return {seen: [...new Set(seen)].sort(), ran: window.__ran === 1};
            }"""
        )
    finally:
        load.close()
    assert blocked["seen"] == ["connect-src", "img-src", "script-src-elem"] and not blocked["ran"]


# ---------------------------------------------------------------- Chinese search

#: (query, the page that teaches it): the search box of /zh/ finds it among the first pages found,
#: as tests/test_search.py asks of the English edition ("learning rate" finds the practical guide)
SEARCHES = [
    ("学习率", "zh/basics/choosing-settings/"),
    ("动量法", "zh/basics/momentum-update/"),
    ("鞍点", "zh/experiments/saddle-points/"),
    ("指数加权移动平均", "zh/basics/ema/"),
    ("从零开始实现", "zh/basics/from-scratch/"),
]
#: how many distinct pages count as "the first results" (a page's sections are listed under it)
FIRST_RESULTS = 3


def _translated(url: str) -> bool:
    from translations import source_path

    name = url.removeprefix("zh/").rstrip("/") or "index"
    return source_path(name, "zh") is not None


@pytest.mark.parametrize(("query", "target"), SEARCHES)
def test_chinese_search_finds_the_page_that_teaches_it(query: str, target: str, server: str, browser) -> None:  # type: ignore[no-untyped-def]
    if not _translated(target):
        pytest.fail(f"{target} has no Chinese twin (tests/test_translations.py requires one for every page)")
    page = browser.new_page()
    page.goto(f"{server}/zh/", wait_until="networkidle")
    page.click("input.md-search__input")  # in the header at desktop width
    page.keyboard.type(query)
    page.keyboard.press("End")  # typed CJK text sends no keyup, which Material's search listens for
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    links = page.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link", "links => links.map(link => link.href)"
    )
    page.close()
    from urllib.parse import urlsplit

    pages = [urlsplit(link).path.lstrip("/") for link in links]
    found = list(dict.fromkeys(pages))[:FIRST_RESULTS]  # distinct pages, in the order listed
    assert target in found, f"{query}: first results {found}"
