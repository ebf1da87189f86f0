"""MkDocs hook: the theme's stylesheets cut to what the built site uses (PurgeCSS, run by Node.js).

Material's main stylesheet (about 138 KB) and palette (12 KB) style every feature Material has, and
the JupyterLab stylesheet of notebook pages (about 585 KB) every widget JupyterLab has. After the
last language is built, ``hooks/purge_css.cjs`` keeps the rules whose selectors match what the
site's HTML contains (tags, classes, ids, attributes) or what its JavaScript may add (any word of a
script under ``assets/javascripts/``, so classes Material's bundle or a widget adds stay). The
site's own stylesheets are left whole. Rules of Material features that mkdocs.yml leaves off go too
(their class names are in the bundle), and so do rules for tab number k in a set when no set of
the site has k tabs, and selectors for a text direction no page has (``[dir=rtl]``, 5 KB). A custom property is kept if any stylesheet, script or page of the site reads
or names it (widgets read Material's colours).

Only ``mkdocs build`` purges: under ``mkdocs serve`` the stylesheets stay whole, so that a rebuild
stays fast. A missing Node.js or PurgeCSS fails the build and says what to install.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

log = get_plugin_logger("purge_css")

SCRIPT = Path(__file__).with_name("purge_css.cjs")
ROOT = SCRIPT.parent.parent
#: stylesheets of others, cut to what is used (globs under the site folder)
PURGED = ("assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css", "assets/stylesheets/jupyter.css")

_command = {"name": "build"}


def unused_features(config: MkDocsConfig) -> list[str]:
    """Class prefixes of Material features this site leaves off: their rules go even though
    Material's bundle names their classes."""
    features = set(config.theme.get("features", []))
    prefixes = []
    if "content.code.annotate" not in features:
        prefixes.append("md-annotation")
    if "content.tooltips" not in features:
        prefixes.append("md-tooltip2")
    if not config.extra.get("version"):
        prefixes.append("md-version")
    if not {"tags", "material/tags"} & set(config.plugins):
        prefixes += ["md-tag", "md-tags"]
    if not config.repo_url:
        prefixes += ["md-source", "md-status"]
    return prefixes


def on_startup(command: str, dirty: bool) -> None:
    _command["name"] = command


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every other language
def on_post_build(config: MkDocsConfig) -> None:
    i18n = config.plugins["i18n"]
    if i18n.building or _command["name"] == "serve":
        return  # the build of another language inside the first one; or a serve: nothing to do
    site = Path(config.site_dir)
    stylesheets = sorted(path.relative_to(site).as_posix() for pattern in PURGED for path in site.glob(pattern))
    node = shutil.which("node")
    if node is None:
        raise PluginError("Purging the stylesheets needs Node.js (node), which is not on the PATH: install Node.js 18+")
    env = {**os.environ, "PURGE_BLOCKLIST": json.dumps(unused_features(config))}
    result = subprocess.run(
        [node, str(SCRIPT), str(site), *stylesheets], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise PluginError(f"hooks/purge_css.cjs failed:\n{result.stderr}")
    for line in result.stdout.splitlines():
        name, before, after = line.split("\t")
        log.info("%s: %d -> %d bytes", name, int(before), int(after))
