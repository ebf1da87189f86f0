"""MkDocs hook: the whole site as one archive that works opened from disk, search included.

``mkdocs build`` of this project's mkdocs.yml runs a second build of the site in a child process,
with Material's offline plugin on (``MOMENTUM_OFFLINE=1``): links point at ``index.html`` files,
the search index is also written as a script (``search/search_index.js``), and web workers run in a
frame (``assets/javascripts/iframe-worker.js``, a port of the shim the plugin would fetch from a
CDN that runs under the site's Content-Security-Policy). That build is zipped, with fixed file
dates so that the same site gives the same bytes, and served as ``download/momentum-docs.zip``,
which Home and the README link. Readers unzip it and open ``momentum-docs/index.html``.

``mkdocs serve`` stays fast: it serves, under the same name, a small zip whose README says how to
build the real one (``make offline``). Sites built from another configuration (the tests' fixture
sites) get no archive.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

log = get_plugin_logger("offline_archive")

ROOT = Path(__file__).resolve().parent.parent
OFFLINE = "MOMENTUM_OFFLINE"
ARCHIVE = "download/momentum-docs.zip"
FOLDER = "momentum-docs"  # the folder the archive unpacks to
POLYFILL = "assets/javascripts/iframe-worker.js"
STAND_IN = (
    "mkdocs serve does not build the offline archive of the site (it would slow every reload).\n"
    "Build it with `make offline` (or `make build`): site/download/momentum-docs.zip.\n"
)

_state = {"command": "build"}
_archive: dict[str, bytes] = {}  # once per process: every language build links the same file


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def _offline_build() -> bool:
    return os.environ.get(OFFLINE, "").lower() in {"1", "true", "yes"}


@event_priority(100)  # before Material's offline plugin reads its setting and adds its CDN polyfill
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    offline = next((plugin for name, plugin in config.plugins.items() if name.endswith("offline")), None)
    if offline is None:
        raise PluginError("hooks/offline_archive.py needs Material's offline plugin in mkdocs.yml (enabled: false)")
    offline.config.enabled = _offline_build()
    if _offline_build():
        config.extra["polyfills"] = [POLYFILL]
    return config


def _zip(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{FOLDER}/{path.relative_to(folder).as_posix()}", date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    return buffer.getvalue()


def _stand_in() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo(f"{FOLDER}/README.txt", date_time=(1980, 1, 1, 0, 0, 0)), STAND_IN)
    return buffer.getvalue()


def build_archive(config_file: str) -> bytes:
    """Build the site with the offline plugin into a temporary folder and zip it."""
    with tempfile.TemporaryDirectory(prefix="momentum-offline-") as folder:
        env = {**os.environ, OFFLINE: "1", "NO_MKDOCS_2_WARNING": "1"}
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", config_file, "-d", folder],
            cwd=ROOT, env=env, capture_output=True, text=True, check=False,
        )
        if result.returncode != 0:
            raise PluginError(f"The offline build of the site failed:\n{result.stdout}{result.stderr}")
        return _zip(Path(folder))


@event_priority(-150)  # after mkdocs-static-i18n (-100) has rebuilt the file list
def on_files(files: Files, config: MkDocsConfig) -> Files:
    if _offline_build() or Path(config.config_file_path).resolve() != ROOT / "mkdocs.yml":
        return files
    if ARCHIVE not in _archive:
        if _state["command"] == "serve":
            _archive[ARCHIVE] = _stand_in()
        else:
            log.info("Building the offline archive (%s)", ARCHIVE)
            _archive[ARCHIVE] = build_archive(config.config_file_path)
    files.append(File.generated(config, ARCHIVE, content=_archive[ARCHIVE]))
    return files
