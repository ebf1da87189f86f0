"""hooks/serve_cache.py: under ``mkdocs serve`` a rebuild reuses the conversion of unchanged pages.

The rebuilds run as ``mkdocs serve`` runs them (one process, the configuration loaded again for
each, ``on_startup`` once with the serve command) on a copy of docs/, so that the copy can be edited.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT

EDITED = "reference/references.md"

REBUILDS = r"""
import json, logging, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

config_file, site, page_path, steps = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), json.loads(sys.argv[4])
logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
hook = None
for number, (name, markdown) in enumerate(steps):
    page_path.write_text(markdown, encoding="utf-8")
    config = load_config(config_file, site_dir=str(site / name))
    if hook is None:  # mkdocs serve: on_startup once, for the first configuration
        config.plugins.on_startup(command="serve", dirty=False)
        hook = next(plugin for key, plugin in config.plugins.items() if key.endswith("serve_cache.py"))
    before = dict(hook.stats)
    try:
        build(config, serve_url="http://127.0.0.1:8000/")
        built = True
    except Abort:
        built = False
    print(json.dumps({"step": name, "built": built, **{key: hook.stats[key] - before[key] for key in before}}))
"""


def _rebuild(tmp_path: Path, steps: list[tuple[str, str]]) -> tuple[dict[str, dict], Path]:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(docs_dir=str(docs), hooks=[str(ROOT / hook) for hook in config["hooks"]], watch=[])
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "MOMENTUM_LANGUAGES": "en"}
    result = subprocess.run(
        [sys.executable, "-c", REBUILDS, str(config_file), str(tmp_path / "site"), str(docs / EDITED), json.dumps(steps)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
    reports = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return {report["step"]: report | {"log": result.stderr} for report in reports}, tmp_path / "site"


def _pages(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*.html"))}


def test_a_serve_rebuild_reuses_unchanged_pages_and_converts_the_edited_one(tmp_path: Path) -> None:
    original = (ROOT / "docs" / EDITED).read_text(encoding="utf-8")
    edited = original + "\nA sentence added by serve-cache-marker.\n"
    steps = [("cold", original), ("warm", original), ("edited", edited)]
    reports, site = _rebuild(tmp_path, steps)
    markdown_pages = sum(1 for path in (ROOT / "docs").rglob("*.md") if ".zh." not in path.name)
    assert reports["cold"]["built"] and reports["cold"]["converted"] == markdown_pages
    assert reports["cold"]["reused"] == 0
    # every page back from the cache, and every page byte for byte what the conversion gave
    assert reports["warm"] == reports["warm"] | {"built": True, "converted": 0, "reused": markdown_pages}
    cold, warm = _pages(site / "cold"), _pages(site / "warm")
    assert cold.keys() == warm.keys() and len(cold) > markdown_pages // 2
    assert [page for page in cold if cold[page] != warm[page]] == []
    # the edited page is converted again, and only it
    assert reports["edited"] == reports["edited"] | {"built": True, "converted": 1, "reused": markdown_pages - 1}
    edited_page = (site / "edited" / EDITED.replace(".md", "") / "index.html").read_text(encoding="utf-8")
    assert "serve-cache-marker" in edited_page
    assert "serve-cache-marker" not in (site / "warm" / EDITED.replace(".md", "") / "index.html").read_text(encoding="utf-8")


def test_a_broken_link_fails_every_serve_rebuild_not_only_the_first(tmp_path: Path) -> None:
    """A page reused from the cache writes its conversion's warnings again, so strict still fails."""
    original = (ROOT / "docs" / EDITED).read_text(encoding="utf-8")
    broken = original + "\nSee [a page that is not there](no-such-page.md).\n"
    steps = [("broken", broken), ("broken-again", broken), ("mended", original)]
    reports, _ = _rebuild(tmp_path, steps)
    assert not reports["broken"]["built"] and reports["broken"]["converted"] > 0
    assert not reports["broken-again"]["built"]
    assert reports["broken-again"]["converted"] == 0  # the broken page came from the cache, warning included
    assert reports["broken"]["log"].count("no-such-page.md") >= 2  # written by both rebuilds
    assert reports["mended"]["built"] and reports["mended"]["converted"] == 1


def _hook() -> object:
    import importlib.util

    spec = importlib.util.spec_from_file_location("serve_cache", ROOT / "hooks" / "serve_cache.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    return hook


def test_the_cache_is_for_serve_and_stays_off_with_an_extension_that_reads_other_files() -> None:
    from types import SimpleNamespace

    hook = _hook()
    plain, snippets = ({"markdown_extensions": extensions} for extensions in (["toc"], ["toc", "pymdownx.snippets"]))
    pages = {name: SimpleNamespace() for name in ("build", "serve", "snippets")}
    hook.on_page_markdown("# x", page=pages["build"], config=plain, files=None)  # mkdocs build
    hook.on_startup(command="serve", dirty=False)
    hook.on_page_markdown("# x", page=pages["serve"], config=plain, files=None)
    hook.on_page_markdown("# x", page=pages["snippets"], config=snippets, files=None)
    assert [name for name, page in pages.items() if "render" in vars(page)] == ["serve"]


def test_serve_looks_for_edits_every_tenth_of_a_second_on_the_same_paths(tmp_path: Path) -> None:
    from mkdocs.livereload import LiveReloadServer

    hook = _hook()
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        _check_the_watcher(hook, server, tmp_path)
    finally:
        server.server_close()  # never started: only its socket to close


def _check_the_watcher(hook: object, server: object, tmp_path: Path) -> None:
    from watchdog.observers.polling import PollingObserver

    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    for path in (tmp_path / "docs", tmp_path / "mkdocs.yml", tmp_path / "docs"):  # docs twice: counted
        server.watch(str(path))
    assert server.observer.timeout == 0.5  # MkDocs' own interval, which the hook shortens
    watched = dict(server._watched_paths)
    emitters = sorted((emitter.watch.path, emitter.watch.is_recursive) for emitter in server.observer.emitters)
    assert hook.on_serve(server, config=None, builder=None) is server
    assert isinstance(server.observer, PollingObserver) and server.observer.timeout == hook.POLL_SECONDS == 0.1
    assert server._watched_paths == watched
    assert sorted((emitter.watch.path, emitter.watch.is_recursive) for emitter in server.observer.emitters) == emitters
    assert {emitter.timeout for emitter in server.observer.emitters} == {0.1}
