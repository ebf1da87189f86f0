"""Build times of the bilingual site: cold, warm, and the serve rebuild after a Markdown edit.

A benchmark, not a test: it prints numbers (run it on a quiet machine; the budget of issue 9 is for
2 cores: cold build of the whole bilingual site at most 45 s, warm build at most 5 s).

    python benchmarks/build_times.py [--full] [--repeat N]

It works in a temporary copy of the project (the tracked files), so your caches and site stay as
they are. ``--full`` also gives every untranslated page a Chinese twin first (a copy of the English
page, marked so that its notebook is executed on its own), which is the cost of the finished
translation: every notebook and figure in both languages.

* cold: ``mkdocs build`` with empty caches (figures of both languages drawn, every notebook of both
  languages executed);
* warm: ``mkdocs build`` again, nothing drawn or executed;
* serve rebuild: ``mkdocs serve`` running, a Markdown page edited, the time from the edit until
  the server logs the rebuilt site (median of ``--repeat`` edits).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def copy_project(target: Path) -> None:
    tracked = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout.split()
    for name in tracked:
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    # the build's Node.js tools (PurgeCSS, esbuild), as `make build` installs them; not copied
    if not (ROOT / "node_modules" / ".installed").exists():
        raise SystemExit("node_modules is not set up: run `make build` (or `npm ci`) first")
    (target / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)


def add_missing_twins(project: Path) -> int:
    added = 0
    for page in sorted((project / "docs").rglob("*")):
        if page.suffix not in {".md", ".py"} or ".zh." in page.name:
            continue
        twin = page.with_name(f"{page.stem}.zh{page.suffix}")
        if not twin.exists():
            marker = "\n# (benchmark twin)\n" if page.suffix == ".py" else "\n<!-- benchmark twin -->\n"
            twin.write_text(page.read_text(encoding="utf-8") + marker, encoding="utf-8")
            added += 1
    return added


def build(project: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, env=env,
                            capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return elapsed


def serve_rebuilds(project: Path, repeat: int) -> list[float]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    log = project / "serve.log"
    import socket

    with socket.socket() as probe:  # a free port on the loopback interface
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with log.open("w") as output:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            built = re.compile(r"Documentation built in|Serving on")

            def wait(count: int, deadline: float) -> None:
                while len(built.findall(log.read_text(encoding="utf-8"))) < count:
                    if time.monotonic() > deadline or server.poll() is not None:
                        sys.exit(f"mkdocs serve did not rebuild:\n{log.read_text(encoding='utf-8')[-3000:]}")
                    time.sleep(0.02)

            wait(1, time.monotonic() + 300)
            time.sleep(1.0)
            page = project / "docs" / "basics" / "zigzag.md"
            times = []
            for number in range(repeat):
                before = len(built.findall(log.read_text(encoding="utf-8")))
                start = time.perf_counter()
                page.write_text(page.read_text(encoding="utf-8") + f"\nA benchmark edit {number}.\n", encoding="utf-8")
                wait(before + 1, time.monotonic() + 120)
                times.append(time.perf_counter() - start)
                time.sleep(1.0)
            return times
        finally:
            server.terminate()
            server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="give every page a Chinese twin first")
    parser.add_argument("--repeat", type=int, default=5, help="Markdown edits for the serve rebuild")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="momentum-bench-") as folder:
        project = Path(folder)
        copy_project(project)
        twins = add_missing_twins(project) if args.full else 0
        zh_pages = len(list((project / "docs").rglob("*.zh.*")))
        print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; "
              f"{zh_pages} Chinese pages ({twins} benchmark twins added)")
        cold = build(project)
        print(f"cold build (empty caches, both languages): {cold:6.1f} s")
        warm = build(project)
        print(f"warm build (both languages):               {warm:6.1f} s")
        rebuilds = serve_rebuilds(project, args.repeat)
        print(f"serve rebuild after a Markdown edit:       {statistics.median(rebuilds):6.1f} s "
              f"(median of {len(rebuilds)}: {', '.join(f'{t:.1f}' for t in rebuilds)})")


if __name__ == "__main__":
    main()
