"""Printing: the cheat sheet fits one A4 sheet, and no page prints the site's navigation.

Chromium prints the built page to PDF (Playwright's ``page.pdf()``, which applies the print
stylesheet and, like a reader's print dialog, fires ``beforeprint``: Material then opens every
folded block). The PDF must have exactly one A4 page. Skipped without Chromium or Playwright,
except under CI=true, where that is a failure (as in tests/test_browser.py).
"""

from __future__ import annotations

import re

import pytest
from test_browser import browser, server  # noqa: F401 (fixtures: a served build and Chromium)

pytestmark = pytest.mark.browser

#: A4 in PostScript points (210 mm x 297 mm); Chromium rounds to a hundredth of a point
A4_POINTS = (595.28, 841.89)

#: what Material shows around the content on screen, and what paper must not show
CHROME = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"]


def pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    """The (width, height) in points of every page of a PDF written by Chromium."""
    count = re.search(rb"/Type\s*/Pages\b.*?/Count\s+(\d+)", pdf, re.DOTALL)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    assert count, "no page tree in the PDF"
    pages = [(float(width), float(height)) for width, height in boxes]
    assert len(pages) == int(count.group(1)), f"{len(pages)} media boxes for /Count {count.group(1)}"
    return pages


def open_page(browser, url: str):  # type: ignore[no-untyped-def]
    page = browser.new_page()
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.ok, url
    # a function, not an expression string: Playwright evaluates a string with eval(), which the
    # pages' Content-Security-Policy forbids. Formulas are MathML in the HTML: nothing to wait for.
    page.wait_for_function("() => document.fonts.status === 'loaded'")
    return page


@pytest.mark.parametrize("language", ["", "zh/"], ids=["en", "zh"])
def test_the_cheat_sheet_prints_on_one_a4_page(language: str, server: str, browser) -> None:  # noqa: F811
    page = open_page(browser, f"{server}/{language}reference/cheat-sheet/")
    rows = page.locator(".cheat-sheet table tbody tr").count()
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    page.close()
    assert rows >= 10, "the cheat sheet's table of formulas is missing"
    pages = pdf_pages(pdf)
    assert len(pages) == 1, f"the cheat sheet prints on {len(pages)} pages"
    width, height = pages[0]
    assert abs(width - A4_POINTS[0]) < 1 and abs(height - A4_POINTS[1]) < 1, f"page size {pages[0]} is not A4"


def test_pdf_pages_counts_pages() -> None:
    two = b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >> /MediaBox [0 0 595 842] /MediaBox [0 0 595 842]"
    assert pdf_pages(two) == [(595.0, 842.0), (595.0, 842.0)]


@pytest.mark.parametrize("path", ["", "reference/cheat-sheet/", "basics/choosing-settings/"])
def test_print_shows_the_page_without_the_site_navigation(path: str, server: str, browser) -> None:  # noqa: F811
    page = open_page(browser, f"{server}/{path}")
    on_screen = page.evaluate(
        "selectors => selectors.map(s => document.querySelector(s)).filter(Boolean).length", CHROME
    )
    page.emulate_media(media="print")
    shown = page.evaluate(
        """selectors => selectors.filter(s => {
             const element = document.querySelector(s);
             return element && getComputedStyle(element).display !== 'none';
           })""",
        CHROME,
    )
    article = page.evaluate("getComputedStyle(document.querySelector('article')).display")
    page.close()
    assert on_screen == len(CHROME), "the test expects Material's header, sidebars and footer"
    assert shown == [], f"printed with the page: {shown}"
    assert article != "none"

