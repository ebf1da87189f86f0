"""MkDocs hook: the site's own scripts and stylesheets minified in the built site (esbuild).

The files under ``overrides/assets`` are written to be read: comments say why each rule or line is
there. A reader's browser needs none of that, and every page loads ``site.js``, ``widgets.js``,
``site.css``, ``widgets.css`` and ``print.css`` (about 17 KB as written, 10 KB minified); a page with
an interactive figure loads about 38 KB of widget files (20 KB minified). After the last language is
built, esbuild (pinned in ``package.json``) minifies every file of :data:`MINIFIED` in place.

Two files stay as written: ``momentum-engine.js``, the engine's ES module, which readers and other
programs import and read (issue 11 makes it a contract; pages load its classic twin), and the
files of others (Material's, already minified). Only ``mkdocs build`` minifies: under
``mkdocs serve`` the files stay readable for the maintainer's browser tools. A missing esbuild fails
the build and says what to install; a file esbuild cannot parse fails it naming the file.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

log = get_plugin_logger("minify_assets")

ROOT = Path(__file__).resolve().parent.parent
ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"
#: the site's own files (under overrides/), minified in the built site
OWN = ROOT / "overrides" / "assets"
#: kept as written: the engine's module is read and imported by readers and programs
KEPT = {"javascripts/momentum-engine.js"}

_command = {"name": "build"}


def minified_files() -> list[str]:
    """Paths (relative to the site's ``assets/``) of the site's own scripts and stylesheets."""
    paths = [
        path.relative_to(OWN).as_posix()
        for folder in ("javascripts", "stylesheets")
        for path in sorted((OWN / folder).glob("*"))
        if path.suffix in {".js", ".css"}
    ]
    return [path for path in paths if path not in KEPT]


def on_startup(command: str, dirty: bool) -> None:
    _command["name"] = command


@event_priority(-250)  # after purge_css (-200): the last change to the assets
def on_post_build(config: MkDocsConfig) -> None:
    i18n = config.plugins["i18n"]
    if i18n.building or _command["name"] == "serve":
        return  # the build of another language inside the first one; or a serve: nothing to do
    if not ESBUILD.exists():
        node = shutil.which("node")
        raise PluginError(
            f"Minifying the site's scripts needs esbuild at {ESBUILD.relative_to(ROOT)}: run `npm ci` in the "
            f"project folder (make does it){'' if node else '; Node.js 18+ is needed too'}"
        )
    assets = Path(config.site_dir) / "assets"
    files = [assets / name for name in minified_files()]
    missing = [str(path) for path in files if not path.exists()]
    if missing:
        raise PluginError(f"minify_assets: the built site lacks {missing}")
    before = sum(path.stat().st_size for path in files)
    for path in files:
        # --log-level=error: a syntax error fails the build with esbuild's message (file, line, column)
        result = subprocess.run(
            [str(ESBUILD), str(path), "--minify", "--log-level=error", f"--outfile={path}", "--allow-overwrite",
             "--legal-comments=none", "--charset=utf8"],
            cwd=ROOT, capture_output=True, text=True, check=False,
        )
        if result.returncode != 0:
            raise PluginError(f"esbuild could not minify {path.relative_to(config.site_dir)}:\n{result.stderr}")
    after = sum(path.stat().st_size for path in files)
    log.info("%d scripts and stylesheets of the site: %d -> %d bytes", len(files), before, after)
