"""The two editions in step: every page has its Chinese twin, and each pair says the same thing.

For each page and its ``.zh.md`` / ``.zh.py`` twin: the same heading ids (a Chinese heading carries
the English id, ``## 小结 {#summary}``), the same code blocks (printed outputs included), the same
figures, the same number of exercises and solutions; no English prose left on the Chinese page and
no Chinese inside math outside ``\\text{}``; and the page shape in its own language. Each check also
runs on a planted difference (a copy of a real pair with one thing broken) and must fail there.

**Every page has its twin.** Every page of the nav, including any page added later, must have its
Chinese twin (a missing one fails here, naming the page), so ``/zh/`` never falls back to English;
a twin of a page that is not in the nav fails too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import BuiltSite
from pages import DOCS, Page, read_page
from translations import (
    SHAPE,
    chinese_in_math,
    check_code,
    check_exercises,
    check_figures,
    check_heading_ids,
    english_prose,
    line_breaks_between_chinese,
    missing_twins,
    nav_pages,
    nav_titles,
    pairs,
    shape_problems,
)

PAIRS = pairs()


def pair_id(pair: tuple[Page, Page]) -> str:
    return pair[0].name


def required_twins() -> set[str]:
    """Every page of the nav."""
    return set(nav_pages())


def test_every_required_page_has_its_chinese_twin() -> None:
    missing = missing_twins(required_twins())
    assert not missing, f"pages without a Chinese twin: {missing}"


def test_every_twin_is_in_the_nav() -> None:
    twins = {en.name for en, _ in PAIRS}
    assert twins <= set(nav_pages()), f"twins of pages that are not in the nav: {twins - set(nav_pages())}"


def test_every_nav_title_is_translated() -> None:
    import yaml

    from translations import ROOT

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    zh = next(language for language in config["plugins"][2]["i18n"]["languages"] if language["locale"] == "zh")
    missing = [title for title in nav_titles() if title not in zh["nav_translations"]]
    assert not missing, f"nav titles without a Chinese title (i18n nav_translations): {missing}"
    assert set(zh["nav_translations"]) <= set(nav_titles()), "translations of titles that are not in the nav"


@pytest.mark.parametrize("check", [check_heading_ids, check_code, check_figures, check_exercises],
                         ids=lambda check: check.__name__)
@pytest.mark.parametrize("pair", PAIRS, ids=pair_id)
def test_pair_agrees(pair: tuple[Page, Page], check) -> None:  # type: ignore[no-untyped-def]
    problems = check(*pair)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("pair", PAIRS, ids=pair_id)
def test_no_english_prose_on_the_chinese_page(pair: tuple[Page, Page]) -> None:
    found = english_prose(pair[1])
    assert not found, "English left on a Chinese page (translate it, or allow a name in tests/translations.py):\n" + \
        "\n".join(found)


@pytest.mark.parametrize("pair", PAIRS, ids=pair_id)
def test_no_line_break_between_chinese_characters(pair: tuple[Page, Page]) -> None:
    """Chromium does not drop a soft line break between two CJK characters: write a paragraph on one line."""
    problems = line_breaks_between_chinese(pair[1])
    assert not problems, "\n".join(problems[:20])


def test_the_line_break_check_sees_a_break(tmp_path: Path) -> None:
    page = tmp_path / "page.zh.md"
    page.write_text("动量法保留一个\n速度变量。\n\n- 列表\n- 第二项\n", encoding="utf-8")
    assert [problem.split(": ", 1)[1] for problem in line_breaks_between_chinese(read_page(page))] == [
        "a line break between Chinese characters shows as a space"
    ]


@pytest.mark.parametrize("pair", PAIRS, ids=pair_id)
def test_no_chinese_inside_math(pair: tuple[Page, Page]) -> None:
    found = chinese_in_math(pair[1])
    assert not found, "Chinese inside math (put it outside, or in \\text{}):\n" + "\n".join(found)


@pytest.mark.parametrize("pair", PAIRS, ids=pair_id)
def test_chinese_page_has_the_site_shape(pair: tuple[Page, Page]) -> None:
    problems = shape_problems(pair[1])
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("pair", [pair for pair in PAIRS if pair[0].notebook], ids=pair_id)
def test_notebook_pair_prints_the_same_and_draws_in_its_language(pair: tuple[Page, Page], built_site: BuiltSite) -> None:
    import re

    from pages import built_page_path, notebook_outputs

    en_html, zh_html = (built_page_path(built_site.path, page).read_text(encoding="utf-8") for page in pair)
    assert notebook_outputs(en_html) == notebook_outputs(zh_html)
    # output images are files named by a hash of their bytes, next to the page
    images = [re.findall(r'<img[^>]*src="(figure-[0-9a-f]+\.png)"', html) for html in (en_html, zh_html)]
    assert len(images[0]) == len(images[1]) > 0
    # the same code drew every figure, with Chinese labels on the Chinese page: different bytes
    assert all(english != chinese for english, chinese in zip(*images))


# ---------------------------------------------------------------- planted differences


@pytest.fixture
def planted(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the home page and its twin, to break."""
    en, zh = tmp_path / "index.md", tmp_path / "index.zh.md"
    shutil.copy(DOCS / "index.md", en)
    shutil.copy(DOCS / "index.zh.md", zh)
    return en, zh


def test_the_real_pair_passes_before_planting(planted: tuple[Path, Path]) -> None:
    en, zh = (read_page(path) for path in planted)
    assert check_heading_ids(en, zh) == check_code(en, zh) == check_figures(en, zh) == check_exercises(en, zh) == []
    assert english_prose(zh) == chinese_in_math(zh) == shape_problems(zh) == []


def test_a_missing_page_fails(tmp_path: Path) -> None:
    (tmp_path / "basics").mkdir()
    for name in ("index.md", "index.zh.md", "basics/zigzag.md", "basics/from-scratch.py", "basics/from-scratch.zh.py"):
        (tmp_path / name).write_text("# page\n", encoding="utf-8")
    assert missing_twins({"index", "basics/from-scratch"}, tmp_path) == []
    assert missing_twins({"index", "basics/from-scratch", "basics/zigzag"}, tmp_path) == ["basics/zigzag"]
    (tmp_path / "basics" / "from-scratch.zh.py").unlink()
    assert missing_twins({"index", "basics/from-scratch"}, tmp_path) == ["basics/from-scratch"]


def test_a_changed_snippet_fails(planted: tuple[Path, Path]) -> None:
    en, zh = planted
    zh.write_text(zh.read_text(encoding="utf-8").replace("train_2d(gd_2d)", "train_2d(momentum_2d)", 1), encoding="utf-8")
    assert check_code(read_page(en), read_page(zh))


def test_a_changed_output_fails(planted: tuple[Path, Path]) -> None:
    en, zh = planted
    zh.write_text(zh.read_text(encoding="utf-8").replace("x1 -0.943467", "x1 -0.943468", 1), encoding="utf-8")
    assert check_code(read_page(en), read_page(zh))


def test_an_english_paragraph_fails(planted: tuple[Path, Path]) -> None:
    _, zh = planted
    text = zh.read_text(encoding="utf-8").replace(
        "## 如何阅读和运行", "Momentum keeps a running velocity of the recent steps.\n\n## 如何阅读和运行", 1
    )
    zh.write_text(text, encoding="utf-8")
    assert english_prose(read_page(zh))


def test_english_marked_as_a_quotation_passes_and_unmarked_fails(planted: tuple[Path, Path]) -> None:
    _, zh = planted
    original = zh.read_text(encoding="utf-8")
    quote = "> <span lang=\"en\">This also holds for momentum.</span>\n>\n> 这句话的意思是：动量法也是如此。\n\n"
    zh.write_text(original.replace("## 如何阅读和运行", quote + "## 如何阅读和运行", 1), encoding="utf-8")
    assert english_prose(read_page(zh)) == []
    for unmarked in ("> This also holds for momentum.", "> <span>This also holds for momentum.</span>",
                     "> <span lang=\"en\">This also holds</span> for momentum, and more."):
        zh.write_text(original.replace("## 如何阅读和运行", unmarked + "\n\n## 如何阅读和运行", 1), encoding="utf-8")
        assert english_prose(read_page(zh)), unmarked


def test_a_missing_heading_id_fails(planted: tuple[Path, Path]) -> None:
    en, zh = planted
    zh.write_text(zh.read_text(encoding="utf-8").replace("## 小结 {#summary}", "## 小结", 1), encoding="utf-8")
    assert check_heading_ids(read_page(en), read_page(zh))


def test_a_wrong_heading_id_fails(planted: tuple[Path, Path]) -> None:
    en, zh = planted
    zh.write_text(zh.read_text(encoding="utf-8").replace("{#summary}", "{#summary-zh}", 1), encoding="utf-8")
    assert check_heading_ids(read_page(en), read_page(zh))


def test_a_missing_figure_or_exercise_fails(planted: tuple[Path, Path]) -> None:
    en, zh = planted
    text = zh.read_text(encoding="utf-8")
    zh.write_text(text.replace("figures/home-gd-vs-momentum.svg", "figures/ema-limit.svg"), encoding="utf-8")
    assert check_figures(read_page(en), read_page(zh))
    cut = text[: text.index("2. 在本站的示例函数上")]
    zh.write_text(cut, encoding="utf-8")
    assert check_exercises(read_page(en), read_page(zh))


def test_chinese_inside_math_fails(planted: tuple[Path, Path]) -> None:
    _, zh = planted
    zh.write_text(zh.read_text(encoding="utf-8") + "\n速度 $v = \\text{速度} + 学习率$。\n", encoding="utf-8")
    found = chinese_in_math(read_page(zh))
    assert len(found) == 1 and "学习率" in found[0]


def test_the_english_shape_words_are_the_ones_the_english_tests_use() -> None:
    assert SHAPE["en"]["learn"] == "What you will learn" and SHAPE["zh"]["summary"] == "小结"
