"""MkDocs hook: under ``mkdocs serve``, a rebuild converts only the Markdown that changed.

MkDocs converts every page from Markdown again on every rebuild, and that conversion (Python-Markdown
with Pygments highlighting every snippet) was about half of a serve rebuild. Under ``mkdocs serve``
this hook gives each Markdown page a ``render`` that remembers its result for the life of the
process, keyed on everything the conversion reads: the page's Markdown after the other hooks, its
file and URL, the site's file list (relative links resolve against it), the Markdown extensions and
their settings, and the link-validation settings. A page whose key is unchanged gets its HTML, table
of contents, title and anchors back, and the log records its conversion wrote are written again,
so a broken link still fails a strict rebuild. Everything after the conversion (the other hooks,
the theme) runs as before.

The watcher also looks for edits every 0.1 s instead of MkDocs' 0.5 s (it polls, which works on
every file system; polling about a hundred files ten times a second costs next to nothing), so an
edit is seen 0.05 s after saving on average instead of 0.25 s.

An extension that reads other files while converting (``pymdownx.snippets``) would make the key
incomplete: with one configured the cache stays off.

``mkdocs build`` (the tests, CI, publishing) never uses the cache. Notebook pages keep their own
cache (mkdocs-jupyter's, keyed by hooks/notebooks.py). The same idea as mkdocs-jupyter's per-page
``render``: one page object's method replaced, nothing of MkDocs patched. The one reach into
MkDocs' internals is the server's table of watched paths (``on_serve``), checked before use.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import types

from watchdog.observers.polling import PollingObserver

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

_state = {"serve": False}
#: key -> (content, toc, title from render, anchor ids, links to anchors by file, log records)
_renders: dict[str, tuple] = {}
#: conversions reused and done (tests/test_serve_cache.py reads them)
stats = {"reused": 0, "converted": 0}
_LOGGER = logging.getLogger("mkdocs")
POLL_SECONDS = 0.1
#: Markdown extensions whose output depends on files other than the page
_READS_FILES = {"pymdownx.snippets"}


def on_startup(command: str, dirty: bool) -> None:
    _state["serve"] = command == "serve"


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _key(page: Page, config: MkDocsConfig, files: Files) -> str:
    digest = hashlib.sha256()
    site = sorted((file.src_uri, file.dest_uri, file.url, str(file.inclusion)) for file in files)
    for part in (
        page.markdown,
        page.file.src_uri,
        page.file.dest_uri,
        page.url,
        repr(site),
        repr(config["markdown_extensions"]),
        repr(config["mdx_configs"]),
        repr(config["validation"]),
        repr(config["use_directory_urls"]),
    ):
        digest.update(str(part).encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def _remembering_render(page: Page, config: MkDocsConfig, files: Files) -> None:
    key = _key(page, config, files)
    hit = _renders.get(key)
    if hit is not None:
        stats["reused"] += 1
        content, toc, title, anchors, links, records = hit
        page.content, page.toc, page._title_from_render = content, copy.deepcopy(toc), title
        page.present_anchor_ids = set(anchors)
        if links is not None:
            page.links_to_anchors = {files.get_file_from_path(uri): dict(found) for uri, found in links.items()}
        for record in records:  # the conversion's messages again: a warning still fails a strict build
            logging.getLogger(record.name).handle(record)
        return
    stats["converted"] += 1
    recorder = _Recorder()
    _LOGGER.addHandler(recorder)
    try:
        Page.render(page, config, files)
    finally:
        _LOGGER.removeHandler(recorder)
    links = page.links_to_anchors
    if links is not None and any(file is None or file.src_uri is None for file in links):
        return  # a link to a file MkDocs could not name: do not remember this page
    _renders[key] = (
        page.content,
        copy.deepcopy(page.toc),
        page._title_from_render,
        frozenset(page.present_anchor_ids or ()),
        None if links is None else {file.src_uri: dict(found) for file, found in links.items()},
        recorder.records,
    )


@event_priority(-1000)  # the last on_page_markdown: the key is the Markdown that is converted
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    notebook = "render" in vars(page)  # a notebook page has mkdocs-jupyter's render
    if _state["serve"] and not notebook and not _READS_FILES & set(config["markdown_extensions"]):
        page.render = types.MethodType(_remembering_render, page)
    return markdown


@event_priority(100)  # before other plugins add paths to watch
def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: object) -> LiveReloadServer:
    # MkDocs makes its watcher with a fixed interval; the only way to a shorter one is a new
    # watcher of the same kind, given the same paths (`serve` starts it after this event)
    watched = getattr(server, "_watched_paths", None)
    if not isinstance(watched, dict) or not isinstance(server.observer, PollingObserver):
        raise PluginError("hooks/serve_cache.py: this MkDocs watches files differently; check the hook against it")
    paths = dict(watched)
    for path, count in paths.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = PollingObserver(timeout=POLL_SECONDS)
    for path, count in paths.items():
        for _ in range(count):
            server.watch(path)
    return server
