"""MkDocs hook: the search index and the search worker are loaded when the reader opens search.

Material 9.8 fetches ``search/search_index.json`` (hundreds of KB: the full text of every page,
both languages) and starts its search worker (about 40 KB) on every page load, and it has no
setting to defer either. Its bundle already defers the index when the site is opened from disk:
it waits for the search toggle. This hook patches the bundle as it is copied into the site so that
it does the same over HTTP, and creates the worker on its first message (which is the index). Two
exact rewrites of the minified bundle, each of which must match exactly once: if Material changes
its bundle, the build fails here, naming what to re-check, instead of quietly loading the index
again. The ``search.highlight`` feature also reads the index on page load, so mkdocs.yml leaves it
off; this hook refuses to build with it on.

Unchanged pages are indexed from memory on a rebuild (``mkdocs serve``): see on_pre_build.

Source maps (``*.map``, about 1.2 MB) are left out of the site: no page loads them. So are the
lunr language files the search worker never loads for the languages of the search index (Thai word
lists alone are 0.7 MB), which keeps the offline archive small.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path, PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

# A stand-in for `new Worker(url)`: the real worker is created on the first postMessage.
LAZY_WORKER = (
    "var __mdLazyWorker=function(url){var worker=null,listeners=[];function real(){if(!worker){"
    "worker=new Worker(url);listeners.forEach(function(l){worker.addEventListener(l[0],l[1],l[2])})}"
    "return worker}return{addEventListener:function(t,f,o){listeners.push([t,f,o]);"
    "if(worker)worker.addEventListener(t,f,o)},removeEventListener:function(t,f,o){"
    "listeners=listeners.filter(function(l){return l[0]!==t||l[1]!==f});"
    "if(worker)worker.removeEventListener(t,f,o)},postMessage:function(m){real().postMessage(m)},"
    "terminate:function(){if(worker)worker.terminate()}}};\n"
)

PATCHES = [
    # the worker: `function Mn(e,t=new Worker(e))` -> created on its first message
    (
        "the search worker, created when the search component starts",
        re.compile(r"(function \w+\((\w+),\w+=)new Worker\(\2\)\)"),
        lambda m: f"{m.group(1)}__mdLazyWorker({m.group(2)}))",
    ),
    # the index: `L($(location.protocol!=="file:"),Je("search"))` waits for the search toggle only
    (
        "the search index, requested at once unless the page is opened from disk",
        re.compile(r'\w+\(\$?\w*\(location\.protocol!=="file:"\),(\w+\("search"\))\)'),
        lambda m: m.group(1),
    ),
]


def patch_bundle(source: str) -> str:
    """Material's bundle with the index and worker deferred; raises if a rewrite does not apply once."""
    for what, pattern, replacement in PATCHES:
        source, count = pattern.subn(replacement, source)
        if count != 1:
            raise PluginError(
                f"hooks/lazy_search.py: {what} was found {count} times in Material's bundle (expected once). "
                "Material has changed: check how its bundle loads the search index and worker, and update "
                "the patterns (or pin the Material version that matches them)."
            )
    return LAZY_WORKER + source


_patched: dict[str, str] = {}  # source path -> patched bundle (once per process)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if "search.highlight" in config.theme.get("features", []):
        raise PluginError("hooks/lazy_search.py: the search.highlight feature loads the search index on page load")
    return config


@event_priority(-150)  # after mkdocs-static-i18n (-100) has rebuilt the file list
def on_files(files: Files, config: MkDocsConfig) -> Files:
    bundles = [f for f in files if re.fullmatch(r"assets/javascripts/bundle\.\w+\.min\.js", f.src_uri)]
    if len(bundles) != 1:
        raise PluginError(f"hooks/lazy_search.py: expected one Material bundle, found {[f.src_uri for f in bundles]}")
    bundle = bundles[0]
    if bundle.abs_src_path not in _patched:
        with open(bundle.abs_src_path, encoding="utf-8") as source:
            _patched[bundle.abs_src_path] = patch_bundle(source.read())
    files.remove(bundle)
    files.append(File.generated(config, bundle.src_uri, content=_patched[bundle.abs_src_path]))
    for file in list(files):
        if PurePosixPath(file.src_uri).suffix == ".map" and file.src_uri.startswith("assets/"):
            files.remove(file)
    return files


def lunr_files(languages: list[str]) -> set[str]:
    """What Material's search worker imports for these languages (its importScripts calls)."""
    needed = {"min/lunr.stemmer.support.min.js"}
    for language in languages:
        if language == "ja":
            needed.add("tinyseg.js")
        if language in {"hi", "th"}:
            needed.add("wordcut.js")
        if language != "en":
            needed.add(f"min/lunr.{language}.min.js")
    if len(languages) > 1:
        needed.add("min/lunr.multi.min.js")
    return needed


@event_priority(-200)  # after mkdocs-static-i18n (-100) has written the search index of every language
def on_post_build(config: MkDocsConfig) -> None:
    if config.plugins["i18n"].building:
        return  # another language's build inside the first one
    site = Path(config.site_dir)
    index = site / "search" / "search_index.json"
    lunr = site / "assets" / "javascripts" / "lunr"
    if not index.is_file() or not lunr.is_dir():
        return
    needed = lunr_files(json.loads(index.read_text(encoding="utf-8"))["config"]["lang"])
    for path in lunr.rglob("*.js"):
        if path.relative_to(lunr).as_posix() not in needed:
            path.unlink()


# ---------------------------------------------------------------- fast rebuilds

# (url, title, meta, toc, content hash) -> the search entries Material made for that page
_entries: dict[tuple, list[dict]] = {}


def _toc_signature(items: list) -> str:
    return "|".join(f"{item.url}={item.title}[{_toc_signature(item.children)}]" for item in items)


def on_pre_build(config: MkDocsConfig) -> None:
    """Index an unchanged page from memory: Material's search indexer parses every page's HTML on
    every build (a third of a serve rebuild); its entries depend only on what the key holds."""
    from material.plugins.search.plugin import SearchPlugin

    plugins = [plugin for plugin in config.plugins.values() if isinstance(plugin, SearchPlugin)]
    if len(plugins) != 1 or not callable(getattr(getattr(plugins[0], "search_index", None), "add_entry_from_context", None)):
        raise PluginError("hooks/lazy_search.py expects Material's search plugin with search_index.add_entry_from_context")
    index = plugins[0].search_index
    if getattr(index.add_entry_from_context, "cached", False):
        return
    original = index.add_entry_from_context

    def add_entry_from_context(page: object) -> None:
        meta = json.dumps({key: page.meta.get(key) for key in ("search", "tags", "title")}, sort_keys=True, default=str)
        digest = hashlib.sha256(page.content.encode("utf-8")).hexdigest()
        key = (page.url, str(page.title), meta, _toc_signature(page.toc.items), digest)
        if key not in _entries:
            before = len(index.entries)
            original(page)
            _entries[key] = [dict(entry) for entry in index.entries[before:]]
        else:
            index.entries.extend(dict(entry) for entry in _entries[key])

    add_entry_from_context.cached = True
    index.add_entry_from_context = add_entry_from_context
