"""MkDocs hook: keep Material's client code from asking for sitemaps that do not exist.

mkdocs-static-i18n writes, for every page, ``<link rel="alternate"
hreflang=...>`` tags that point at the same page in each language. Material's
JavaScript reads those tags as language *roots* and fetches
``<href>/sitemap.xml`` for each, which here means a 404 (and a console error)
on every page load. The language selector in the header carries the same
per-page links and keeps working, so the head tags are dropped.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

_HREFLANG_LINK = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _HREFLANG_LINK.sub("", output)
