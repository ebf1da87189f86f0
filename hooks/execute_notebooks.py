"""Execute notebook pages in parallel into mkdocs-jupyter's cache, before MkDocs reads any page.

Run by ``hooks/notebooks.py`` in a fresh interpreter at the start of a build, for the notebooks
(of every language) that have no cache entry yet. Each one is converted exactly as mkdocs-jupyter
converts it on a cache miss (``nb2html`` with the plugin's options, the same reproducible cells,
the same cache key and entry), in a pool of one process per core, with ``MOMENTUM_DOCS_LANGUAGE``
set to the notebook's language so that its figures come out in that language. The pages then hit
the cache. A notebook whose cell fails is left uncached: its page executes it again and fails
the build with mkdocs-jupyter's own message, naming the page and the cell.

Usage: python hooks/execute_notebooks.py JOBS.json
"""

from __future__ import annotations

import json
import logging
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path


def execute(job: dict, options: dict, toc_depth: int) -> tuple[str, bool]:
    from momentum_docs.figures.labels import LANGUAGE_VARIABLE

    os.environ[LANGUAGE_VARIABLE] = job["language"]
    from mkdocs_jupyter import convert, plugin
    from nbclient.exceptions import CellExecutionError
    from notebooks import use_reproducible_cells

    use_reproducible_cells()
    try:
        body = convert.nb2html(job["path"], **options)
    except CellExecutionError:
        return job["path"], False
    toc_tokens, title = plugin._get_nb_toc_tokens(job["path"], toc_depth)
    cache = Path(job["cache"])
    cache.parent.mkdir(parents=True, exist_ok=True)
    partial = cache.with_suffix(".partial")
    partial.write_text(json.dumps({"content": body, "toc_tokens": toc_tokens, "title": title}), encoding="utf-8")
    partial.replace(cache)
    return job["path"], True


def main(jobs_file: Path) -> None:
    # mkdocs-jupyter's own log lines ("Converting notebook (execute=True): ..."), as MkDocs prints them
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    jupyter_log = logging.getLogger("mkdocs.mkdocs-jupyter")
    jupyter_log.addHandler(handler)
    jupyter_log.setLevel(logging.INFO)
    spec = json.loads(jobs_file.read_text(encoding="utf-8"))
    jobs = spec["jobs"]
    # the longest notebooks first, so that two cores finish together
    jobs.sort(key=lambda job: -Path(job["path"]).stat().st_size)
    workers = min(len(jobs), os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(execute, job, spec["options"], spec["toc_depth"]) for job in jobs]
        for future in futures:
            path, cached = future.result()
            if not cached:
                print(f"execute_notebooks: a cell of {path} failed; its page will report it", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.path.insert(0, str(Path(__file__).parent))
    main(Path(sys.argv[1]))
