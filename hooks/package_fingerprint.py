"""A short hash of everything the package computes with, shared by the build hooks.

Figures and executed notebooks are cached under this fingerprint: an edit
to any file of ``momentum_docs/`` (or a new NumPy or matplotlib) changes it,
so nothing stale survives a package change, while a Markdown edit leaves it
alone and the caches are reused.
"""

from __future__ import annotations

import hashlib
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "momentum_docs"
CACHE = ROOT / ".cache"


def package_fingerprint(*extra: Path) -> str:
    """SHA-256 (first 16 hex digits) of the package files, ``extra`` files and library versions."""
    digest = hashlib.sha256()
    for library in ("numpy", "matplotlib"):
        digest.update(f"{library}=={version(library)}\n".encode())
    paths = sorted(p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in [*paths, *extra]:
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def evict_stale(folder: Path, keep: str) -> None:
    """Delete every entry of ``folder`` except ``keep`` (old fingerprints)."""
    import shutil

    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        if entry.name != keep:
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
