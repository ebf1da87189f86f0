"""MkDocs hook: language links that work, and no requests for sitemaps that do not exist.

* mkdocs-static-i18n writes, for every page, ``<link rel="alternate"
  hreflang=...>`` tags that point at the same page in each language.
  Material's JavaScript reads those tags as language *roots* and fetches
  ``<href>/sitemap.xml`` for each, which here means a 404 (and a console
  error) on every page load. The language selector in the header carries the
  same per-page links and keeps working, so the head tags are dropped.
* Every language build writes ``404.html`` at the site root, so the last
  one (Chinese) would win; only the default language writes it. The 404 page
  is rendered after the last page and inherits that page's language links;
  there they are pointed at the home page of each language.
* The language selector of every page links the same page in each language.
  mkdocs-static-i18n 1.3.1 treats the notebooks (``.py``) as assets and gives
  them no alternates, so on a translated notebook page "English" led to ``/``
  (its issue #198); the links are set here from the page's path instead.
* A page shown in English under ``/zh/`` (no translation yet) is left out of
  the search index of that build. The English build indexes it already, and
  mkdocs-static-i18n would only drop the copy afterwards, and only while its
  title matches; indexing it twice also cost a third of every rebuild.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

# from the line break before the tag: a pattern that begins with a literal is found fast
_HREFLANG_LINK = re.compile(r'\n[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
_SELECTOR_LINK = re.compile(r'<a href="[^"]*" hreflang="([\w-]+)"')


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    i18n = config.plugins["i18n"]
    if i18n.current_language in (None, i18n.default_language):
        config.theme.static_templates.add("404.html")
    else:
        config.theme.static_templates.discard("404.html")
    return config


# after mkdocs-static-i18n (50) has set the selector's links, before Material's search plugin indexes the page
@event_priority(40)
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    i18n = config.plugins["i18n"]
    language = i18n.current_language
    if language != i18n.default_language and getattr(page.file, "locale", language) != language:
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    if sum(1 for other in i18n.config.languages if other.build) > 1:  # one language served: no switcher
        _same_page_in_each_language(page, config, language, i18n.default_language)
    return context


def _same_page_in_each_language(page: Page, config: MkDocsConfig, language: str, default: str) -> None:
    prefix = "" if language == default else f"{language}/"
    if not page.url.startswith(prefix):
        raise PluginError(f"{page.file.src_uri}: expected its URL {page.url!r} under {prefix!r}")
    relative = page.url[len(prefix):]
    if not relative:  # a home page: mkdocs-static-i18n links the language roots already
        return
    # mkdocs-static-i18n sets config.extra.alternate as an attribute for each page, and the theme reads that
    for alternate in config.extra.alternate:
        other = alternate["lang"]
        alternate["link"] = relative if other == default else f"{other}/{relative}"


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _HREFLANG_LINK.sub("", output)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name != "404.html":
        return output
    i18n = config.plugins["i18n"]
    root = urlsplit(config.site_url or "/").path  # MkDocs writes the 404 page with root-relative URLs

    def home(match: re.Match[str]) -> str:
        language = match.group(1)
        folder = "" if language == i18n.default_language else f"{language}/"
        return f'<a href="{root}{folder}" hreflang="{language}"'

    return _SELECTOR_LINK.sub(home, _HREFLANG_LINK.sub("", output))
