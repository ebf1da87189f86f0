"""Search finds what readers type: a real Chromium types each query into the search box of the built site.

A product name finds the page about it among the first three results, in lower case (``pytorch``)
as well as spelled as in the text (``PyTorch``); a subject puts the page that teaches it first.
"""

from __future__ import annotations

import pytest

from test_browser import browser, server  # noqa: F401  (fixtures: a Chromium and the built site on 127.0.0.1)

pytestmark = pytest.mark.browser

#: (query, where it is typed, the page it must find, among how many first results)
QUERIES = [
    ("pytorch", "", "theory/frameworks/", 3),
    ("PyTorch", "", "theory/frameworks/", 3),
    ("torch", "", "theory/frameworks/", 3),
    ("keras", "", "theory/frameworks/", 3),
    ("optax", "", "theory/frameworks/", 3),
    ("learning rate", "", "basics/choosing-settings/", 1),
    ("choose momentum", "", "basics/choosing-settings/", 1),
    ("nesterov", "", "theory/nesterov/", 1),
    ("saddle", "", "experiments/saddle-points/", 1),
    ("moving average", "", "basics/ema/", 1),
]


def first_results(page, query: str, count: int = 3) -> list[str]:  # type: ignore[no-untyped-def]
    """Type the query as a reader would and return the page paths of the first results."""
    search = page.locator("input.md-search__input")
    search.fill("")
    search.press_sequentially(query)
    page.wait_for_function(
        "() => document.querySelector('.md-search-result__meta')?.textContent.match(/\\d|No matching/)"
    )
    links = page.eval_on_selector_all(
        ".md-search-result__item > a.md-search-result__link", "links => links.map(a => a.href)"
    )
    return links[:count]


@pytest.mark.parametrize(("query", "language", "expected", "within"), QUERIES, ids=[q[0] for q in QUERIES])
def test_search_finds_the_teaching_page(query: str, language: str, expected: str, within: int, server: str, browser) -> None:  # type: ignore[no-untyped-def]  # noqa: F811,E501
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/{language}", wait_until="networkidle")
    page.keyboard.press("/")
    results = first_results(page, query)
    page.close()
    assert results, f"{query!r} finds nothing"
    pages = [result.split("#")[0].split("?")[0] for result in results]  # ?h=query highlights the words
    assert f"{server}/{language}{expected}" in pages[:within], f"{query!r}: first results {results}"
