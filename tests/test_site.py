"""The strict build: what it writes, what it must not write, and how it fails."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from conftest import ROOT, BuiltSite, build_site
from momentum_docs.figures import GALLERY, render_svg

# what makes a browser fetch: scripts, images, frames, stylesheets, CSS url()/@import (links to sources are fine)
REMOTE = re.compile(
    r"""<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\ssrc\s*=\s*["']?(?:https?:)?//"""
    r"""|<link\b[^>]*\shref\s*=\s*["']?(?:https?:)?//"""
    r"""|url\(\s*["']?(?:https?:)?//|@import\s+["']?(?:https?:)?//"""
)
NOTEBOOK_PAGES = [
    "basics/from-scratch",
    "experiments/real-data",
    "experiments/sweep",
    "experiments/neural-network",
    "experiments/saddle-points",
]


def test_build_is_strict_and_clean(built_site: BuiltSite) -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    assert config["strict"] is True and config["validation"]["anchors"] == "warn"
    assert not re.search(r"^WARNING\s+-", built_site.log, re.MULTILINE)


def test_build_writes_nothing_into_the_sources(built_site: BuiltSite) -> None:
    assert built_site.source_changes == []


def test_figures_are_drawn_by_the_build_and_identical_to_a_fresh_drawing(built_site: BuiltSite) -> None:
    built = {path.name for path in (built_site.path / "figures").glob("*.svg")}
    assert built == {f"{name}{suffix}" for name in GALLERY for suffix in (".svg", ".zh.svg")}
    for name, spec in GALLERY.items():
        assert (built_site.path / "figures" / f"{name}.svg").read_bytes() == render_svg(spec.draw()), name
        zh = render_svg(spec.draw(language="zh"))
        assert (built_site.path / "figures" / f"{name}.zh.svg").read_bytes() == zh, name


def test_no_figure_image_is_committed() -> None:
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    icon = "overrides/assets/images/favicon.svg"  # the site's icon (Material's logo, 0.5 KB), not a figure
    assert not [path for path in tracked.splitlines() if path.endswith((".svg", ".png", ".jpg", ".gif")) and path != icon]


@pytest.mark.parametrize("language", ["", "zh/"])
@pytest.mark.parametrize("page", NOTEBOOK_PAGES)
def test_notebook_pages_in_every_language(built_site: BuiltSite, page: str, language: str) -> None:
    folder = built_site.path / language / page
    html = (folder / "index.html").read_text(encoding="utf-8")
    assert 'class="jp-Notebook"' in html and "jp-OutputArea-output" in html  # rendered and executed
    assert "notebook-download" in html and "assets/stylesheets/jupyter.css" in html
    # exercise solutions folded by the build, in the page's language; no solution cell left open
    summary = "答案" if language else "Solution"
    folded = re.findall(r'<details class="notebook-solution"><summary>([^<]*)</summary>', html)
    assert folded and set(folded) == {summary}
    outside = re.sub(r'<details class="notebook-solution">.*?</details>', "", html, flags=re.DOTALL)
    assert "celltag_solution" in html and "celltag_solution" not in outside
    # output images are files next to the page, with their size in the tag; none inside the HTML
    images = re.findall(r'<img [^>]*src="(figure-[0-9a-f]{16}\.png)"[^>]*>', html)
    assert images and "data:image/png" not in html
    assert all((folder / image).is_file() for image in images)
    assert all(re.search(r'width="\d+"', tag) and re.search(r'height="\d+"', tag) and 'loading="lazy"' in tag
               for tag in re.findall(r"<img [^>]*>", html) if "figure-" in tag)
    notebook = json.loads((folder / f"{Path(page).name}.ipynb").read_text(encoding="utf-8"))
    assert notebook["nbformat"] == 4 and any(cell["cell_type"] == "code" for cell in notebook["cells"])
    # jupytext lists these keys in set order, different from run to run; the hook sorts them so
    # that two builds write the same download (and the same offline archive)
    keys = notebook["metadata"]["jupytext"]["cell_metadata_filter"].split(",")
    kept = [key for key in keys if not key.startswith("-")]
    assert kept == sorted(kept) and keys[len(kept):] == ["-all"], keys


def test_no_page_loads_anything_from_another_host(built_site: BuiltSite) -> None:
    offenders = []
    for path in built_site.path.rglob("*"):
        if path.suffix in {".html", ".css", ".js"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            offenders += [f"{path.relative_to(built_site.path)}: {m.group(0)}" for m in REMOTE.finditer(text)]
    assert not offenders


def test_math_is_mathml_written_by_the_build(built_site: BuiltSite) -> None:
    """No page loads KaTeX or leaves TeX for a script: formulas arrive as MathML (hooks/typeset_math.py)."""
    pages = list(built_site.path.rglob("*.html"))
    assert not [p for p in pages if re.search(r"katex[\w.-]*\.(?:js|css)", p.read_text(encoding="utf-8"))]
    raw = re.compile(r'class="arithmatex">\\[(\[]')
    assert not [p for p in pages if raw.search(p.read_text(encoding="utf-8"))]
    quadratic = (built_site.path / "theory" / "quadratic" / "index.html").read_text(encoding="utf-8")
    assert quadratic.count("<math") > 100 and not (built_site.path / "assets" / "katex").exists()


def test_code_tokens_merged_or_unwrapped_are_drawn_alike() -> None:
    """hooks/compact_html.py joins token spans of one colour and unwraps those in the code colour:
    its table must say what Material's stylesheet (and site.css) draw each token class in."""
    import importlib.util

    import material

    spec = importlib.util.spec_from_file_location("compact_html", ROOT / "hooks" / "compact_html.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    stylesheets = (Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("main.*.min.css")
    css = "".join(path.read_text(encoding="utf-8") for path in stylesheets)
    colour_of: dict[str, str] = {}
    for selectors, body in re.findall(r"([^{}]*\.highlight \.[\w-]+[^{}]*)\{([^}]*)\}", css):
        colour = re.search(r"(?:^|;)color:var\((--md-code-hl-[\w-]+-color)\)", body)
        for name in re.findall(r"^\.highlight \.([\w-]+)$", selectors.replace(",", "\n"), re.MULTILINE):
            if colour:
                colour_of[name] = colour.group(1)
    for colour, names in hook.COLOURS.items():
        assert {colour_of[name] for name in names} == {f"--md-code-hl-{colour}-color"}, colour
    assert {colour_of[name] for name in hook.HIDDEN_ON_COPY} == {"--md-code-hl-generic-color"}
    site_css = (ROOT / "overrides" / "assets" / "stylesheets" / "site.css").read_text(encoding="utf-8")
    assert re.search(r"\.highlight code\[data-md-copying\] \.gp,\s*\.highlight code\[data-md-copying\] \.go\s*\{\s*display: none", site_css)
    code_colour = {f"--md-code-hl-{name}-color" for name in ("name", "operator", "punctuation")}
    for name in code_colour:  # site.css draws these in the code colour, in the light palette at least
        assert f"{name}: var(--md-code-fg-color)" in site_css
    for name in hook.PLAIN_TOKENS:
        assert colour_of.get(name) in code_colour | {None}, name  # no rule: the code colour


def small_site(tmp_path: Path, notebook: str) -> Path:
    """A copy of mkdocs.yml that builds one Markdown page and one notebook from tmp_path/docs."""
    docs = tmp_path / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n")
    (docs / "broken.py").write_text(textwrap.dedent(notebook))
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    config.update(
        docs_dir=str(docs),
        nav=[{"Home": "index.md"}, {"Broken": "broken.py"}],
        hooks=[str(ROOT / hook) for hook in config["hooks"]],
        watch=[],
    )
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True))
    return path


def test_a_failing_notebook_cell_fails_the_build_naming_page_and_line(tmp_path: Path) -> None:
    config = small_site(
        tmp_path,
        """\
        # %% [markdown]
        # # A notebook with a bug

        # %%
        total = 1
        ratio = total / 0
        """,
    )
    result = build_site(config, tmp_path / "site")
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Error reading page 'broken.py'" in log
    assert "ZeroDivisionError" in log and "line 2" in log


def test_a_notebook_figure_without_caption_fails_and_check_cells_are_hidden(tmp_path: Path) -> None:
    figure = """\
        # %% [markdown]
        # # A figure

        # %%
        # %matplotlib inline
        from matplotlib.figure import Figure
        from IPython.display import display
        x = 1

        # %% tags=["check"]
        assert x == 1, "the hidden check runs"

        # %% {metadata}
        figure = Figure()
        figure.add_subplot().plot([0, x])
        display(figure)
        """
    bare = build_site(small_site(tmp_path / "bare", figure.format(metadata="")), tmp_path / "bare" / "site")
    log = bare.stdout + bare.stderr
    assert bare.returncode != 0 and "broken.py, cell at line 13" in log and "caption" in log

    captioned = figure.format(metadata='alt="A rising line" caption="The line: higher is later."')
    result = build_site(small_site(tmp_path / "ok", captioned), tmp_path / "ok" / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "ok" / "site" / "broken" / "index.html").read_text(encoding="utf-8")
    assert '<figure class="notebook-figure"><img alt="A rising line"' in html
    # not drawn for retina screens, so nbconvert gave no size: the PNG's own is in the tag
    image = re.search(r'<img alt="A rising line"[^>]*src="(figure-[0-9a-f]+\.png)"', html)
    png = (tmp_path / "ok" / "site" / "broken" / image.group(1)).read_bytes()
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert f'width="{width}" height="{height}" loading="lazy"' in image.group(0) and width > 100 < height
    assert "<figcaption>The line: higher is later.</figcaption>" in html
    download = (tmp_path / "ok" / "site" / "broken" / "broken.ipynb").read_text(encoding="utf-8")
    assert "assert x" not in html and "assert x" not in download

    failing = build_site(small_site(tmp_path / "fail", captioned.replace("x == 1", "x == 2")), tmp_path / "fail" / "site")
    assert failing.returncode != 0 and "the hidden check runs" in failing.stdout + failing.stderr


def test_a_notebook_page_is_the_same_from_build_to_build(tmp_path: Path) -> None:
    """Cells are numbered, not given random ids, and a cell's printed lines form one output however long it runs."""
    import uuid

    nonce = uuid.uuid4().hex  # new content, so the notebook is executed, not taken from the cache
    config = small_site(
        tmp_path,
        f"""\
        # %% [markdown]
        # # A slow printer

        # %%
        import time  # run {nonce}

        print("first line")
        time.sleep(0.6)  # longer than the kernel's flush interval: two stream messages
        print("second line")
        """,
    )
    result = build_site(config, tmp_path / "site")
    for entry in (ROOT / ".cache" / "mkdocs-jupyter").rglob("*.json"):  # leave no entry behind
        if nonce in entry.read_text(encoding="utf-8"):
            entry.unlink()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Converting notebook (execute=True)" in result.stdout + result.stderr
    html = (tmp_path / "site" / "broken" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'id="cell-id=([^"]+)"', html) == ["cell-0", "cell-1"]
    assert html.count("jp-RenderedText jp-OutputArea-output") == 1 and re.search(r"first line\s+second line", html)
    download = json.loads((tmp_path / "site" / "broken" / "broken.ipynb").read_text(encoding="utf-8"))
    assert [cell["id"] for cell in download["cells"]] == ["cell-0", "cell-1"]


def test_a_failing_figure_stops_the_renderer_with_its_traceback(tmp_path: Path) -> None:
    fake = tmp_path / "momentum_docs" / "figures"
    fake.mkdir(parents=True)
    (tmp_path / "momentum_docs" / "__init__.py").write_text("")
    (fake / "__init__.py").write_text(textwrap.dedent(
        """\
        from types import SimpleNamespace

        def fig_broken(language="en"):
            return 1 / 0

        GALLERY = {"broken": SimpleNamespace(draw=fig_broken)}

        def render_svg(figure):
            raise AssertionError("not reached")
        """
    ))
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, str(ROOT / "hooks" / "render_figures.py"), str(tmp_path / "out")],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=False,
    )
    assert result.returncode != 0
    assert "fig_broken" in result.stderr and "ZeroDivisionError" in result.stderr and "line 4" in result.stderr


def test_package_fingerprint_follows_the_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The key of the figure and notebook caches: a package edit changes it, nothing else does."""
    import importlib.util
    import shutil

    spec = importlib.util.spec_from_file_location("package_fingerprint", ROOT / "hooks" / "package_fingerprint.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    package = tmp_path / "momentum_docs"
    shutil.copytree(ROOT / "momentum_docs", package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(module, "ROOT", tmp_path)
    monkeypatch.setattr(module, "PACKAGE", package)

    first = module.package_fingerprint()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text("a Markdown edit")
    assert module.package_fingerprint() == first
    figure = package / "figures" / "ema.py"
    figure.write_text(figure.read_text() + "\n# an edit\n")
    assert module.package_fingerprint() != first


class _LinksAndIds(HTMLParser):
    """The link targets (``href``, ``src``) and the anchor ids (``id``, ``name``) of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in {"href", "src"} and value:
                self.targets.append(value)
            elif name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value or "")


def broken_internal_links(site: Path) -> list[str]:
    """Every link between the HTML pages of ``site`` whose file is missing, or whose #fragment is not
    an id of the page it points to (a link to ``#`` alone, the top of a page, is fine)."""
    pages: dict[Path, _LinksAndIds] = {}
    for page in sorted(site.rglob("*.html")):
        parser = _LinksAndIds()
        parser.feed(page.read_text(encoding="utf-8"))
        pages[page.resolve()] = parser
    broken = []
    for page, parser in pages.items():
        for target in parser.targets:
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith(("mailto:", "data:")):
                continue
            if parts.path:
                base = site if parts.path.startswith("/") else page.parent
                resolved = (base / unquote(parts.path).lstrip("/")).resolve()
                if resolved.is_dir():
                    resolved = resolved / "index.html"
                if not resolved.is_file():
                    broken.append(f"{page.relative_to(site.resolve())} -> {target}: no such file")
                    continue
            else:
                resolved = page
            fragment = unquote(parts.fragment)
            if fragment and resolved in pages and fragment not in pages[resolved].ids:
                broken.append(f"{page.relative_to(site.resolve())} -> {target}: no id {fragment!r} there")
    return broken


def test_every_internal_link_of_the_built_site_resolves(built_site: BuiltSite) -> None:
    """MkDocs checks Markdown links; this also covers links written inside notebooks and templates,
    the tables of contents of notebook pages, and the #fragment of every link."""
    broken = broken_internal_links(built_site.path)
    assert not broken, "\n".join(broken[:20])


def test_the_link_check_catches_a_missing_page_and_a_wrong_fragment(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<h2 id="the-same-with-pytorch">The same with PyTorch</h2><a name="old-anchor"></a>'
        '<a href="#the-same-with-pytorch">ok</a> <a href="#">top</a> <a href="#the-same-with">planted</a>'
        '<a href="../b/#part-one">ok</a> <a href="../b/#part-two">planted</a> <a href="../c/">planted</a>'
        '<a href="#old-anchor">ok</a> <a href="https://example.org/#nothing">elsewhere</a>',
        encoding="utf-8",
    )
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text('<p id="part-one">One</p><img src="x.svg">', encoding="utf-8")
    (tmp_path / "b" / "x.svg").write_text("<svg/>", encoding="utf-8")
    assert broken_internal_links(tmp_path) == [
        "a/index.html -> #the-same-with: no id 'the-same-with' there",
        "a/index.html -> ../b/#part-two: no id 'part-two' there",
        "a/index.html -> ../c/: no such file",
    ]


@pytest.mark.parametrize("languages", ["en", "en,zh"], ids=["make serve", "make serve-zh"])
def test_serve_answers_in_the_languages_asked(languages: str) -> None:
    """``make serve`` (English only) and ``make serve-zh`` (both) start and answer with the pages
    of the languages they build; a hook that assumes both languages are built breaks the first."""
    import socket
    import time
    import urllib.error
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "MOMENTUM_LANGUAGES": languages}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )

    def get(path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=60) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, ""

    try:
        deadline = time.monotonic() + 600
        while True:
            try:
                status, page = get("basics/zigzag/")
                break
            except OSError:
                assert server.poll() is None, f"mkdocs serve stopped:\n{server.communicate()[0][-3000:]}"
                assert time.monotonic() < deadline, "mkdocs serve did not answer within 10 minutes"
                time.sleep(0.5)
        zh_status, zh_page = get("zh/basics/zigzag/")
    finally:
        server.terminate()
        log = server.communicate(timeout=60)[0]
    assert status == 200 and "Why gradient descent zigzags" in page, log[-3000:]
    if "zh" in languages:
        assert zh_status == 200 and "梯度下降为什么走之字形" in zh_page, log[-3000:]
    else:
        assert zh_status == 404
    assert "Traceback" not in log and "ERROR" not in log, log[-3000:]
