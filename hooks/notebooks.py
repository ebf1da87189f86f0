"""MkDocs hook: executed notebook pages that survive i18n, cache correctly and load nothing remote.

mkdocs-jupyter turns the jupytext notebooks under ``docs/`` (``*.py``) into
pages. Around it this hook does these things:

1. **Cache per package version and language, filled in parallel.** mkdocs-jupyter
   keys its cache on the notebook file alone, so a package edit would leave
   stale output. The cache folder is
   ``.cache/mkdocs-jupyter/<package fingerprint>/<language>/``, the language
   being the notebook's own (``x.zh.py`` is Chinese; an English notebook shown
   under ``/zh/`` stays English). Its kernel runs with
   ``MOMENTUM_DOCS_LANGUAGE`` set to that language, so the same notebook code
   draws its figures in the page's language. At the start of a build every
   notebook without a cache entry, of every language, is executed in parallel
   (``hooks/execute_notebooks.py``, one process per core, while the figures
   are drawn), so pages hit the cache.
   mkdocs-jupyter also deletes, after every build, the entries that build did
   not use; with one build per language that would throw away the other
   language's notebooks each time, so the entries of the current fingerprint
   are all kept (old fingerprints are deleted whole).
2. **Pages again after i18n.** mkdocs-static-i18n rebuilds every File after
   mkdocs-jupyter has wrapped the notebooks, which turns them back into plain
   files (copied as raw text). After it, notebooks are wrapped again, each
   with the URL of its language (``/x/`` and ``/zh/x/``, never the same).
3. **A download.** Each notebook page gets ``<name>.ipynb`` next to it
   (converted from the jupytext source, without outputs) and a button.
   The JupyterLab stylesheet (about 580 KB) that nbconvert inlines into
   every notebook page is served once, as ``assets/stylesheets/jupyter.css``,
   which the browser caches (``overrides/main.html`` links it).
4. **Nothing remote.** The nbconvert template loads MathJax from cdnjs and
   mermaid from a CDN; both tags are removed (the site's own KaTeX typesets
   notebook math) and the build fails if a remote URL is left in a page.
5. **Loud failures.** The build refuses to run with ``allow_errors: true`` or
   ``execute: false``, so a failing cell fails the build.
6. **Figures with captions.** A code cell that draws a figure carries its alt text and caption as
   cell metadata (``# %% alt="..." caption="..."``); each image it outputs becomes a ``<figure>``
   with that alt text and a ``<figcaption>``. An image without both fails the build, naming the
   page and the cell. Cells tagged ``check`` run like any other (a failing one fails the build) but
   are left out of the page after execution (nbconvert's own tag removal would drop them before it,
   so they would never run) and out of the download.
7. **English heading ids on translated notebooks.** A heading of a Chinese
   notebook carries the English page's id, as on Markdown pages
   (``## 小结 {#summary}``). nbconvert's Markdown knows no attribute lists, so
   the marker is removed here from the heading, its anchor and the table of
   contents, and the id set from it; the download drops it too.
8. **The same page from every build.** jupytext gives every cell a random id,
   and the kernel splits what a cell prints into several outputs depending on
   how long the cell runs between prints. After execution, consecutive
   outputs of a stream are merged and the cells are numbered ``cell-0``,
   ``cell-1``, ..., in the page and in the download alike, so that two
   builds of an unchanged notebook give the same bytes.
9. **Lighter images, out of the HTML.** Each PNG output (matplotlib draws them at twice the
   column's resolution) is stored with a palette of 256 colours (Pillow), about a third of the
   bytes, when that is smaller. nbconvert writes it into the page as base64 text (a third larger
   than the file, and part of the HTML the browser must fetch before it can paint anything); the
   page instead links ``figure-<hash>.png`` next to it, loaded lazily, its width and height in the
   tag so that nothing moves when it arrives.
10. **Code as on every other page.** Code cells get Material's markup (``<pre><code>`` in a
   ``highlight`` block): the site's code colours and Material's copy button. nbconvert's copy
   button (a web component, its inline scripts and a hidden second copy of each cell's source)
   and its inline stylesheets go.
11. **Solutions folded by the build.** Each run of cells tagged ``solution`` is one
   ``<details>`` ("Solution" / "答案") in the HTML: no script folds them after the page has painted.
"""

from __future__ import annotations

import base64
import hashlib
import html as html_module
import io
import json
import os
import re
import subprocess
import sys
from importlib.resources import files as package_files
from pathlib import Path, PurePosixPath

import jupytext
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs_jupyter import nbconvert2
from mkdocs_jupyter import plugin as jupyter_plugin
from mkdocs_jupyter.plugin import NotebookFile
from nbconvert.preprocessors import CoalesceStreamsPreprocessor
from package_fingerprint import CACHE, ROOT, evict_stale, package_fingerprint

from momentum_docs.figures.labels import LANGUAGE_VARIABLE

log = get_plugin_logger("notebooks")

NOTEBOOK_CACHE = CACHE / "mkdocs-jupyter"
EXECUTOR = Path(__file__).with_name("execute_notebooks.py")

# the <script> tags the nbconvert "lab" template adds for MathJax and mermaid
_REMOTE_SCRIPTS = re.compile(
    r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->"
    r"|<script type=\"module\">\s*document\.addEventListener\(\"DOMContentLoaded\", async \(\) => \{"
    r"\s*const diagrams = document\.querySelectorAll\(\"\.jp-Mermaid > pre\.mermaid\"\);.*?</script>",
    re.DOTALL,
)
# nbconvert's include_css() output for these stylesheets of mkdocs-jupyter's template
_SHARED_CSS = ("index.css", "theme-light.css")
SHARED_CSS_URI = "assets/stylesheets/jupyter.css"
CHECK_TAG = "check"  # a notebook cell that runs as a check but is not shown
_REMOTE_URL = re.compile(r"""(?:src|href)=["']?(?:https?:)?//""")


def _number_cells(notebook: object) -> None:
    for index, cell in enumerate(notebook.cells):
        cell.id = f"cell-{index}"


class _ReproducibleSubCell(nbconvert2.SubCell):
    """mkdocs-jupyter's last preprocessor (it runs after execution), then merged streams, no check
    cells, and numbered cells."""

    def preprocess(self, nb: object, resources: dict) -> tuple[object, dict]:
        nb, resources = super().preprocess(nb, resources)
        nb, resources = CoalesceStreamsPreprocessor().preprocess(nb, resources)
        nb.cells = [cell for cell in nb.cells if CHECK_TAG not in cell.metadata.get("tags", [])]
        _number_cells(nb)
        return nb, resources


def _plugins(config: MkDocsConfig) -> tuple[object, object]:
    try:
        return config.plugins["mkdocs-jupyter"], config.plugins["i18n"]
    except KeyError as missing:
        raise PluginError(f"hooks/notebooks.py needs the plugin {missing} in mkdocs.yml") from None


def use_reproducible_cells() -> None:
    if not issubclass(_ReproducibleSubCell, nbconvert2.SubCell) or "SubCell" not in nbconvert2.nb2html.__code__.co_names:
        raise PluginError("hooks/notebooks.py expects mkdocs-jupyter's nb2html to use its SubCell preprocessor")
    nbconvert2.SubCell = _ReproducibleSubCell  # nb2html looks the name up on every call


#: the options mkdocs-jupyter passes to nb2html on a cache miss (Plugin.on_pre_page, mkdocs-jupyter 0.26)
_NB2HTML_OPTIONS = (
    "kernel_name", "theme", "allow_errors", "show_input", "no_input", "no_prompt", "remove_tag_config",
    "highlight_extra_classes", "include_requirejs", "custom_mathjax_url",
)
_executing: list[tuple[subprocess.Popen, Path]] = []


def _notebook_language(path: PurePosixPath, languages: list[str], default: str) -> str:
    suffixes = path.suffixes
    return suffixes[-2].lstrip(".") if len(suffixes) >= 2 and suffixes[-2].lstrip(".") in languages else default


def _start_executing(config: MkDocsConfig, jupyter: object, i18n: object, cache: Path) -> None:
    """Execute every uncached notebook of docs_dir (all languages) in a child process, in parallel."""
    docs = Path(config.docs_dir)
    jobs = []
    for path in sorted(docs.rglob("*.py")):
        source = PurePosixPath(path.relative_to(docs).as_posix())
        if not any(source.match(p) for p in jupyter.config["include"]) or any(
            source.match(p) for p in jupyter.config["ignore"]
        ):
            continue
        language = _notebook_language(source, i18n.all_languages, i18n.default_language)
        key = jupyter_plugin._compute_cache_key(str(path), jupyter.config, True)
        entry = jupyter_plugin._get_cache_path(cache / language, key)
        if not entry.exists():
            jobs.append({"path": str(path), "language": language, "cache": str(entry)})
    if not jobs:
        return
    log.info("Executing %d notebook(s) in parallel", len(jobs))
    options = {name: jupyter.config[name] for name in _NB2HTML_OPTIONS} | {"execute": True}
    spec = cache / f"jobs-{os.getpid()}.json"
    cache.mkdir(parents=True, exist_ok=True)
    spec.write_text(json.dumps({"options": options, "toc_depth": jupyter.config["toc_depth"], "jobs": jobs}))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    _executing.append((subprocess.Popen([sys.executable, str(EXECUTOR), str(spec)], cwd=ROOT, env=env), spec))


def _wait_for_execution() -> None:
    while _executing:
        process, spec = _executing.pop()
        if process.wait() != 0:
            raise PluginError("Executing the notebooks failed (hooks/execute_notebooks.py): see its traceback above")
        spec.unlink()


#: the package's fingerprint, computed once a build (on_config) instead of once a notebook page
_fingerprint: dict[str, str] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    jupyter, i18n = _plugins(config)
    if jupyter.config["allow_errors"] or not jupyter.config["execute"] or jupyter.config["execute_ignore"]:
        raise PluginError("mkdocs-jupyter must run with execute: true, allow_errors: false and no execute_ignore")
    use_reproducible_cells()
    fingerprint = _fingerprint["package"] = package_fingerprint()
    evict_stale(NOTEBOOK_CACHE, keep=fingerprint)
    cache = NOTEBOOK_CACHE / fingerprint
    jupyter.config["cache_dir"] = str(cache)
    if jupyter.config["cache"]:
        _start_executing(config, jupyter, i18n, cache)
    return config


@event_priority(10)  # before mkdocs-jupyter's on_pre_page computes the page's cache entry
def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    if isinstance(page.file, NotebookFile):
        jupyter, i18n = _plugins(config)
        language = getattr(page.file, "locale", i18n.default_language)
        jupyter.config["cache_dir"] = str(NOTEBOOK_CACHE / _fingerprint["package"] / language)
    return page


_previous_language: list[str | None] = []


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A notebook executed while its page renders (a cache miss) runs its kernel in the page's language."""
    if isinstance(page.file, NotebookFile):
        _, i18n = _plugins(config)
        _previous_language.append(os.environ.get(LANGUAGE_VARIABLE))
        os.environ[LANGUAGE_VARIABLE] = getattr(page.file, "locale", i18n.default_language)
    return markdown


# (path, size, mtime) -> the .ipynb text; each notebook is converted once per process, not per build
_downloads: dict[tuple[str, int, int], str] = {}


def _download(path: str) -> str:
    """The notebook as .ipynb text: cells numbered, a Python kernel named, no outputs, no check cells."""
    stat = os.stat(path)
    key = (path, stat.st_size, stat.st_mtime_ns)
    if key not in _downloads:
        notebook = jupytext.read(path)
        notebook.cells = [cell for cell in notebook.cells if CHECK_TAG not in cell.metadata.get("tags", [])]
        _number_cells(notebook)  # after the check cells are gone, as on the page: cell-0, cell-1, ...
        _without_id_markers(notebook)
        notebook.metadata.setdefault(
            "kernelspec", {"name": "python3", "display_name": "Python 3", "language": "python"}
        )
        # jupytext lists the cell metadata keys in set order, which changes from run to run: sorted,
        # two builds write the same download
        jupytext_metadata = notebook.metadata.get("jupytext", {})
        if "cell_metadata_filter" in jupytext_metadata:
            keys = jupytext_metadata["cell_metadata_filter"].split(",")
            jupytext_metadata["cell_metadata_filter"] = ",".join(
                sorted(k for k in keys if not k.startswith("-")) + [k for k in keys if k.startswith("-")]
            )
        _downloads[key] = jupytext.writes(notebook, fmt="ipynb")
    return _downloads[key]


_IMAGE = re.compile(r'<img alt="No description has been provided for this image"([^>]*)>')
_CELL_START = re.compile(r'<div class="jp-Cell [^"]*" id="cell-id=cell-(\d+)">')


# (path, size, mtime) -> the shown cells and the line of each; read once per process, not per build
_cells: dict[tuple[str, int, int], tuple[tuple, tuple]] = {}


def _shown_cells(path: str) -> tuple[tuple, tuple]:
    stat = os.stat(path)
    key = (path, stat.st_size, stat.st_mtime_ns)
    if key not in _cells:
        lines = open(path, encoding="utf-8").read().splitlines()
        headers = [number + 1 for number, line in enumerate(lines) if line.startswith("# %%")]
        # the page numbers its cells after the check cells are removed: number the source the same way
        _cells[key] = tuple(zip(*[
            (cell, header) for cell, header in zip(jupytext.read(path).cells, headers, strict=True)
            if CHECK_TAG not in cell.metadata.get("tags", [])
        ]))
    return _cells[key]


def _caption_figures(html: str, page: Page) -> str:
    """Give each output image the alt text and caption of its cell's metadata (``alt``, ``caption``)."""
    cells, headers = _shown_cells(page.file.abs_src_path)
    starts = list(_CELL_START.finditer(html))
    pieces, position = [], 0
    for number, start in enumerate(starts):
        end = starts[number + 1].start() if number + 1 < len(starts) else len(html)
        index = int(start.group(1))
        segment = html[start.start() : end]
        if _IMAGE.search(segment):
            metadata = cells[index].metadata
            alt, caption = (str(metadata.get(key, "")).strip() for key in ("alt", "caption"))
            if not alt or not caption:
                raise PluginError(
                    f"{page.file.src_uri}, cell at line {headers[index]}: it draws a figure, so give the cell "
                    f'alt text and a caption: # %% alt="what the figure shows" caption="how to read it"'
                )
            alt_html, caption_html = html_module.escape(alt), html_module.escape(caption)
            segment = _IMAGE.sub(
                lambda image: f'<figure class="notebook-figure"><img alt="{alt_html}"{image.group(1)}>'
                f"<figcaption>{caption_html}</figcaption></figure>",
                segment,
            )
        pieces += [html[position : start.start()], segment]
        position = end
    pieces.append(html[position:])
    return "".join(pieces)


_ID_MARKER = re.compile(r"\s*\{#([\w-]+)\}\s*$")
# the title may not run past its heading's end: else every heading without a marker made the search
# scan the rest of the page (0.17 s of a serve rebuild for five notebooks)
_HEADING = re.compile(
    r'<h([1-6]) id="([^"]*)">((?:(?!</h[1-6]>).)*?)\s*\{#([\w-]+)\}(<a class="anchor-link" href=")#[^"]*(">)', re.DOTALL
)


def _heading_ids(html: str, page: Page) -> str:
    """Headings written ``text {#id}`` get that id, in the page and in its table of contents."""
    html = _HEADING.sub(lambda m: f'<h{m[1]} id="{m[4]}">{m[3]}{m[5]}#{m[4]}{m[6]}', html)
    if "{#" in re.sub(r"<pre.*?</pre>|<code.*?</code>", "", html, flags=re.DOTALL):
        raise PluginError(f"{page.file.src_uri}: a heading id marker {{#...}} was not applied; check hooks/notebooks.py")

    def retitle(items: list) -> None:
        for item in items:
            marker = _ID_MARKER.search(item.title)
            if marker:
                item.title, item.id = item.title[: marker.start()], marker.group(1)
            retitle(item.children)

    retitle(page.toc.items if page.toc else [])
    return html


def _without_id_markers(notebook: object) -> None:
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = "\n".join(
                _ID_MARKER.sub("", line) if line.startswith("#") else line for line in cell.source.splitlines()
            )

_smaller: dict[str, bytes] = {}  # sha256 of a PNG -> its palette version, once per process


def _palette_png(original: bytes) -> bytes:
    """The PNG with a palette of 256 colours, if that is smaller."""
    key = hashlib.sha256(original).hexdigest()
    if key not in _smaller:
        from PIL import Image

        buffer = io.BytesIO()
        Image.open(io.BytesIO(original)).quantize(256, method=Image.Quantize.FASTOCTREE).save(
            buffer, "PNG", optimize=True
        )
        smaller = buffer.getvalue()
        _smaller[key] = smaller if len(smaller) < len(original) else original
    return _smaller[key]


_DIV_TAG = re.compile(r"<div\b[^>]*>|</div>")
_NOTEBOOK_START = re.compile(r'<div class="jp-Notebook"[^>]*>')
_SOLUTION_CLASS = re.compile(r'class="[^"]*\bcelltag_solution\b')
SOLUTION_SUMMARY = {"en": "Solution", "zh": "答案"}


def _fold_solutions(html: str, page: Page, language: str) -> str:
    """Each run of consecutive cells tagged ``solution`` (nbconvert marks a code cell, or a Markdown
    cell's rendered output, with the class celltag_solution) folded into one ``<details>``, in the
    HTML the build writes: no script, and nothing moves after the page has painted."""
    notebook = _NOTEBOOK_START.search(html)
    if notebook is None:
        raise PluginError(f"{page.file.src_uri}: no jp-Notebook element; check hooks/notebooks.py")
    children, depth, child_start = [], 1, None
    for tag in _DIV_TAG.finditer(html, notebook.end()):
        if tag.group(0) == "</div>":
            depth -= 1
            if depth == 1:
                children.append((child_start, tag.end()))
            elif depth == 0:
                break
        else:
            if depth == 1:
                child_start = tag.start()
            depth += 1
    if depth != 0:
        raise PluginError(f"{page.file.src_uri}: the notebook's <div> elements do not close; check hooks/notebooks.py")
    opening = f'<details class="notebook-solution"><summary>{SOLUTION_SUMMARY[language]}</summary>'
    pieces, position, in_run, previous_end = [], 0, False, 0
    for start, end in children:
        solution = _SOLUTION_CLASS.search(html, start, end) is not None
        if solution and not in_run:
            pieces += [html[position:start], opening]
            position, in_run = start, True
        elif not solution and in_run:
            pieces += [html[position:previous_end], "</details>"]
            position, in_run = previous_end, False
        previous_end = end
    if in_run:
        pieces += [html[position:previous_end], "</details>"]
        position = previous_end
    pieces.append(html[position:])
    return "".join(pieces)


_COPY_WIDGET = re.compile(r'<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>\s*', re.DOTALL)
_COPY_TEXT = re.compile(r'<div class="clipboard-copy-txt"[^>]*>[^<]*</div>\s*')
_COPY_SCRIPTS = re.compile(
    r"<script>(?:(?!</script>).)*(?:global\.ClipboardCopyElement = factory|addEventListener\('clipboard-copy').*?</script>\s*",
    re.DOTALL,
)
# nbconvert's inline stylesheets: Pygments colours for its own code markup (replaced below) and
# the rules of mermaid diagrams (the page loads no mermaid); inline <style> in the body also makes
# the browser work out the page's styles again halfway through
_UNUSED_STYLES = re.compile(
    r"<style[^>]*>\s*pre \{ line-height: 125%; \}[^<]*\.highlight-ipynb[^<]*</style>\s*"
    r"|<style[^>]*>[^<]*\.jp-RenderedMermaid[^<]*</style>\s*"
)
_NOTEBOOK_CODE = re.compile(r'<div class="highlight-ipynb hl-(\w+)"><pre>(<span></span>)?(.*?)</pre></div>', re.DOTALL)


def _material_code(html: str, page: Page) -> str:
    """Code cells as Material shows code on the other pages: ``<pre><code>`` in a ``highlight``
    block, so they get the site's code colours (contrast-checked, both palettes) and Material's copy
    button. nbconvert's own copy button (a web component with an inline script, two SVG paths and a
    hidden second copy of every cell's source) goes. With the code spans then merged as on every
    page (hooks/compact_html.py), the from-scratch page's HTML went from 124 KB to 79 KB."""
    html, widgets = _COPY_WIDGET.subn("", html)
    html, texts = _COPY_TEXT.subn("", html)
    html, scripts = _COPY_SCRIPTS.subn("", html)
    html, styles = _UNUSED_STYLES.subn("", html)
    html, blocks = _NOTEBOOK_CODE.subn(
        lambda m: f'<div class="language-{m[1]} highlight"><pre><span></span><code>{m[3]}</code></pre></div>', html
    )
    if not (widgets == texts == blocks) or scripts != 2 or styles != 2 or "clipboard-copy" in html or "<style" in html:
        raise PluginError(
            f"{page.file.src_uri}: expected a copy widget, a copy text and a code block per code cell, "
            f"two copy scripts and two inline stylesheets, found {widgets}, {texts}, {blocks}, {scripts} and "
            f"{styles}; check hooks/notebooks.py against the installed mkdocs-jupyter"
        )
    return html


_IMAGE_SOURCE = re.compile(r'(<img [^>]*?)src="data:image/png;base64,([A-Za-z0-9+/=]+)"([^>]*>)')
#: page (absolute output path) -> {file name next to it: PNG bytes}, written by on_post_page
_page_images: dict[str, dict[str, bytes]] = {}


def _image_files(html: str, page: Page) -> str:
    images: dict[str, bytes] = {}

    def to_file(match: re.Match[str]) -> str:
        data = _palette_png(base64.b64decode(match.group(2)))
        name = f"figure-{hashlib.sha256(data).hexdigest()[:16]}.png"
        images[name] = data
        before, after = match.group(1), match.group(3)
        size = ""
        if not re.search(r'\swidth="\d+"', before + after) and not re.search(r'\sheight="\d+"', before + after):
            # nbconvert sizes a "retina" image (drawn at twice its size); any other is shown at the
            # size its PNG header gives, which the tag then says
            if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
                raise PluginError(f"{page.file.src_uri}: a notebook image that is not a PNG; check hooks/notebooks.py")
            size = f'width="{int.from_bytes(data[16:20], "big")}" height="{int.from_bytes(data[20:24], "big")}" '
        elif not re.search(r'\swidth="\d+"', before + after) or not re.search(r'\sheight="\d+"', before + after):
            raise PluginError(f"{page.file.src_uri}: a notebook image with a width or a height but not both")
        return f'{before}{size}loading="lazy" src="{name}"{after}'

    html = _IMAGE_SOURCE.sub(to_file, html)
    if "data:image/png" in html:
        raise PluginError(f"{page.file.src_uri}: a PNG left inside the page's HTML; check hooks/notebooks.py")
    _page_images[page.file.abs_dest_path] = images
    return html


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Write the page's images next to it (after MkDocs has cleaned the site folder)."""
    images = _page_images.pop(page.file.abs_dest_path, {})
    folder = Path(page.file.abs_dest_path).parent
    for name, data in images.items():
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return output


def _shared_css() -> list[str]:
    folder = package_files("mkdocs_jupyter") / "templates" / "mkdocs_html" / "assets"
    return [(folder / name).read_text(encoding="utf-8") for name in _SHARED_CSS]


@event_priority(-150)  # after mkdocs-static-i18n (-100) has rebuilt the file list
def on_files(files: Files, config: MkDocsConfig) -> Files:
    jupyter, i18n = _plugins(config)
    _wait_for_execution()  # started in on_config; the figures were drawn meanwhile
    files.append(File.generated(config, SHARED_CSS_URI, content="\n".join(_shared_css())))
    language = i18n.current_language
    prefix = PurePosixPath() if language == i18n.default_language else PurePosixPath(language)
    for file in list(files):
        if isinstance(file, NotebookFile) or not jupyter.should_include(file):
            continue
        # "from-scratch.zh.py" and "from-scratch.py" both serve the page from-scratch/
        source = PurePosixPath(getattr(file, "norm_src_uri", file.src_uri))
        folder = prefix / source.with_suffix("")
        page = NotebookFile(file, use_directory_urls=config.use_directory_urls, site_dir=config.site_dir)
        page.dest_uri = (folder / "index.html").as_posix()
        # directory URLs (the site) or index.html files (the offline archive, opened from disk)
        page.url = folder.as_posix() + "/" if config.use_directory_urls else page.dest_uri
        page.abs_dest_path = str(PurePosixPath(config.site_dir) / page.dest_uri)
        files.remove(file)
        files.append(page)

        download = File.generated(config, (folder / f"{source.stem}.ipynb").as_posix(), content=_download(file.abs_src_path))
        files.append(download)
    return files


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    if isinstance(page.file, NotebookFile):
        name = PurePosixPath(getattr(page.file, "norm_src_uri", page.file.src_uri)).stem
        page.meta["notebook_download"] = f"{name}.ipynb"
    return context


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not isinstance(page.file, NotebookFile):
        return html
    previous = _previous_language.pop()
    if previous is None:
        os.environ.pop(LANGUAGE_VARIABLE, None)
    else:
        os.environ[LANGUAGE_VARIABLE] = previous
    for css in _shared_css():
        inline = f'<style type="text/css">\n{css}</style>'
        if inline not in html:
            raise PluginError(f"{page.file.src_uri}: the inlined JupyterLab CSS was not found; check hooks/notebooks.py")
        html = html.replace(inline, "")
    html = _caption_figures(html, page)
    html = _heading_ids(html, page)
    html = _image_files(html, page)
    html = _fold_solutions(html, page, config.theme["language"])
    html = _material_code(html, page)
    if _IMAGE.search(html):
        raise PluginError(f"{page.file.src_uri}: an output image outside every cell has no alt text")
    html, removed = _REMOTE_SCRIPTS.subn("", html)
    if removed != 2:
        raise PluginError(
            f"{page.file.src_uri}: expected the MathJax and mermaid tags of the nbconvert template, "
            f"found {removed}; check hooks/notebooks.py against the installed mkdocs-jupyter"
        )
    remote = _REMOTE_URL.search(html)
    if remote:
        context = html[max(0, remote.start() - 80) : remote.end() + 80]
        raise PluginError(f"{page.file.src_uri} would load from another host: ...{context}...")
    return html


@event_priority(10)  # before mkdocs-jupyter's own on_post_build evicts "unused" entries
def on_post_build(config: MkDocsConfig) -> None:
    jupyter, _ = _plugins(config)
    cache_dir = NOTEBOOK_CACHE / _fingerprint["package"]
    if cache_dir.is_dir():
        # entries of the other language's build are still current: keep them
        jupyter._used_cache_paths.update(cache_dir.glob("*/*.json"))
