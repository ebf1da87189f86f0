"""MkDocs hook: draw every figure of the package as SVG during the build.

Figures live in the build, never in ``docs/``: each entry of
``momentum_docs.figures.GALLERY`` becomes the in-memory file
``figures/<name>.svg``, which pages link to like any other image (and strict
link validation checks those links), and its Chinese drawing
``figures/<name>.zh.svg``. A Chinese page links the same ``figures/<name>.svg``:
mkdocs-static-i18n resolves it to the ``.zh.svg`` file of the same name
(``I18nFiles.get_file_from_path``, mkdocs-static-i18n 1.3.1). An English page
shown under ``/zh/`` because it has no translation yet keeps English figures.

Rendering happens in a child interpreter (``render_figures.py``), so that
``mkdocs serve``, a long-lived process, draws with the package as it is on
disk after an edit. Results are cached in ``.cache/figures/<fingerprint>/``;
the fingerprint covers the package source, so a Markdown edit reuses the
SVGs and a package edit redraws them. A failing figure stops the build with
the figure's traceback.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from package_fingerprint import CACHE, ROOT, evict_stale, package_fingerprint

log = get_plugin_logger("figures")

RENDERER = Path(__file__).with_name("render_figures.py")
FIGURE_CACHE = CACHE / "figures"

# fingerprint -> {file name: SVG bytes}; one build renders once for all languages
_rendered: dict[str, dict[str, bytes]] = {}


def _render(fingerprint: str) -> dict[str, bytes]:
    folder = FIGURE_CACHE / fingerprint
    if not (folder / ".complete").exists():
        evict_stale(FIGURE_CACHE, keep="")
        log.info("Drawing the figures of momentum_docs (package fingerprint %s)", fingerprint)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
        result = subprocess.run(
            [sys.executable, str(RENDERER), str(folder)], cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise PluginError(f"Drawing the figures failed (hooks/render_figures.py):\n{result.stderr}")
        (folder / ".complete").touch()
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.svg"))}


@event_priority(-150)  # after mkdocs-static-i18n (-100) has rebuilt the file list
def on_files(files: Files, config: MkDocsConfig) -> Files:
    fingerprint = package_fingerprint(RENDERER)
    if fingerprint not in _rendered:
        _rendered.clear()
        _rendered[fingerprint] = _render(fingerprint)
    chinese = _is_chinese_build(config)
    for name, svg in _rendered[fingerprint].items():
        if chinese or not name.endswith(ZH_SUFFIX):
            files.append(File.generated(config, f"figures/{name}", content=svg))
    return files


ZH_SUFFIX = ".zh.svg"
_ZH_FIGURE = re.compile(r'(src="[^"]*figures/[\w.\-]+)\.zh\.svg"')


def _is_chinese_build(config: MkDocsConfig) -> bool:
    return config.plugins["i18n"].current_language == "zh"


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """An English page in the Chinese build (no translation yet) shows the English figures."""
    if _is_chinese_build(config) and getattr(page.file, "locale", "zh") != "zh":
        return _ZH_FIGURE.sub(r'\1.svg"', html)
    return html
