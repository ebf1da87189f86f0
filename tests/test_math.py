"""Math typeset at build time (hooks/typeset_math.py): MathML in the page, plain text in the table of
contents and the search index, loud failures, TeX on copy."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, build_site


def _hook():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("typeset_math", ROOT / "hooks" / "typeset_math.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PAGE = r"""
# Fixture

## The window $\frac{1}{1-\gamma}$ and $e^{-1}$

Inline $\mathbf{x}_t + \boldsymbol{\gamma} \in \mathbb{R}^n$, $\lambda_{\min}$ and a display:

$$
\rho = \max\left(|\lambda_1|, |\lambda_2|\right) < 1
$$

### Rate $\sqrt{\kappa}$

Text after.
"""

NOTEBOOK = r"""
# %% [markdown]
# # A notebook
#
# The step $\eta/(1-\gamma)$ and $$\sum_{t=0}^{\infty} \gamma^t = \frac{1}{1-\gamma}$$
#
# Code is left alone: `$x$` stays.

# %%
print("a $ sign in output $5 stays")
"""


def fixture_site(tmp_path: Path, page: str, notebook: str | None = None) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text(textwrap.dedent(page), encoding="utf-8")
    nav = [{"Home": "index.md"}]
    if notebook is not None:
        (docs / "book.py").write_text(textwrap.dedent(notebook).lstrip(), encoding="utf-8")
        nav.append({"Book": "book.py"})
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    config.update(docs_dir=str(docs), nav=nav, hooks=[str(ROOT / hook) for hook in config["hooks"]], watch=[])
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp_path = tmp_path_factory.mktemp("math")
    result = build_site(fixture_site(tmp_path, PAGE, NOTEBOOK), tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp_path / "site"


TEX = re.compile(r"\\\(|\\\[|\\frac|\\gamma|\\sqrt|\$")


def visible_text(html: str) -> str:
    """The page's text outside scripts and code (a formula's TeX is in an attribute, alttext)."""
    html = re.sub(r"<(script|style|code|pre)\b.*?</\1>", "", html, flags=re.DOTALL)
    return re.sub(r"<[^>]+>", " ", html)


def test_headings_hold_mathml_and_the_toc_plain_text(fixture_build: Path) -> None:
    html = (fixture_build / "index.html").read_text(encoding="utf-8")
    heading = re.search(r'<h2 id="[^"]*">(.*?)</h2>', html, re.DOTALL).group(1)
    assert heading.count("<math") == 2 and "<mfrac>" in heading
    toc = re.search(r'<nav class="md-nav md-nav--secondary".*?</nav>', html, re.DOTALL).group(0)
    assert "The window 1/(1 − γ) and e⁻¹" in toc and "Rate √κ" in toc
    assert not TEX.search(visible_text(html)), TEX.search(visible_text(html))


def test_formulas_are_mathml_core_with_their_tex(fixture_build: Path) -> None:
    html = (fixture_build / "index.html").read_text(encoding="utf-8")
    assert 'display="block"' in html and "mathvariant=\"bold\"" not in html
    assert "𝐱" in html and "𝜸" in html and "ℝ" in html  # bold x, bold-italic gamma, double-struck R
    assert '<math alttext="\\frac{1}{1-\\gamma}">' in html
    # compact: no annotation wrapper, no row of one child, no mathvariant that changes nothing
    assert "<semantics>" not in html and "<annotation" not in html and "<math><mrow>" not in html
    assert not re.search(r"<mrow><(mi|mn|mo)>[^<]*</\1></mrow>", html)
    assert "katex.min.js" not in html and "katex.min.css" not in html
    # KaTeX's <msub><mi>λ</mi><mi>min</mi><mo>(function application)</mo></msub> has one child too many
    assert "<msub><mi>λ</mi><mi>min</mi></msub>" in html


def test_search_index_has_plain_text_not_tex(fixture_build: Path) -> None:
    index = json.loads((fixture_build / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = [doc for doc in index["docs"] if not doc["location"].startswith("zh/")]
    titles = [doc["title"] for doc in entries]
    assert "The window 1/(1 − γ) and e⁻¹" in titles and "Rate √κ" in titles
    text = " ".join(doc["text"] for doc in entries)
    assert "𝐱ₜ + 𝜸 ∈ ℝⁿ, λₘᵢₙ" in text and "ρ = max(|λ₁|, |λ₂|) &lt; 1" in text
    assert "η/(1 − γ)" in text and "∑ₜ₌₀^∞γ^t = 1/(1 − γ)" in text
    assert not re.search(r"\\[a-z]+|<math|annotation|alttext", text + " ".join(titles))


def test_notebook_math_is_typeset_and_code_left_alone(fixture_build: Path) -> None:
    html = (fixture_build / "book" / "index.html").read_text(encoding="utf-8")
    cells = re.findall(r'jp-RenderedMarkdown.*?</div>', html, re.DOTALL)
    assert html.count("<math") == 2 and 'display="block"' in html
    assert "<code>$x$</code>" in html and "a $ sign in output $5 stays" in html
    assert not any("$" in visible_text(cell) for cell in cells)


def test_a_formula_katex_cannot_typeset_fails_naming_page_and_formula(tmp_path: Path) -> None:
    page = "# Bad\n\nFine $x$, broken $\\frac{1}{$ and $\\undefinedmacro{y}$.\n"
    result = build_site(fixture_site(tmp_path, page), tmp_path / "site")
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "index.md: KaTeX cannot typeset 2 formula(s)" in log
    assert "$\\frac{1}{$" in log and "$\\undefinedmacro{y}$" in log and "Undefined control sequence" in log


def test_a_missing_node_fails_the_build_saying_what_to_install(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"  # a PATH with Python's folder but without node
    bin_dir.mkdir()
    python = Path(os.sys.executable)
    (bin_dir / "python").symlink_to(python)
    assert shutil.which("node", path=str(bin_dir)) is None
    env = {**os.environ, "PATH": str(bin_dir), "NO_MKDOCS_2_WARNING": "1"}
    import subprocess

    config = fixture_site(tmp_path, "# Page\n\n$x$\n")
    result = subprocess.run(
        [str(python), "-m", "mkdocs", "build", "-f", str(config), "-d", str(tmp_path / "site")],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )
    assert result.returncode != 0 and "Install Node.js 18 or newer" in result.stdout + result.stderr


def test_styled_letters_and_plain_text() -> None:
    hook = _hook()
    assert hook._styled("x", "bold") == "𝐱" and hook._styled("R", "double-struck") == "ℝ"
    assert hook._styled("γ", "bold-italic") == "𝜸" and hook._styled("∇", "bold") == "𝛁"
    assert hook._styled("h", "italic") == "ℎ" and hook._styled("ϵ", "bold") == "𝛜"
    mathml = (
        '<math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><msub><mi>x</mi>'
        "<mrow><mi>t</mi><mo>+</mo><mn>1</mn></mrow></msub><mo>=</mo><msqrt><mi>κ</mi></msqrt>"
        '</mrow><annotation encoding="application/x-tex">x_{t+1}=\\sqrt\\kappa</annotation></semantics></math>'
    )
    assert hook.linear_text(mathml) == "xₜ₊₁ = √κ"
    compact = hook.compact_mathml(mathml.replace(' xmlns="http://www.w3.org/1998/Math/MathML"', ""))
    assert compact == (
        '<math alttext="x_{t+1}=\\sqrt\\kappa"><msub><mi>x</mi><mrow><mi>t</mi><mo>+</mo><mn>1</mn></mrow></msub>'
        "<mo>=</mo><msqrt><mi>κ</mi></msqrt></math>"
    )
    assert hook.linear_text(compact) == "xₜ₊₁ = √κ"
    # a one-letter <mi> keeps mathvariant="normal" (it would be italic), a slash or a word drops it
    upright = hook.compact_mathml(
        '<math><semantics><mrow><mi mathvariant="normal">d</mi><mi mathvariant="normal">/</mi>'
        '<mi mathvariant="normal">Var</mi></mrow><annotation encoding="application/x-tex">x</annotation></semantics></math>'
    )
    assert upright == '<math alttext="x"><mi mathvariant="normal">d</mi><mi>/</mi><mi>Var</mi></math>'
