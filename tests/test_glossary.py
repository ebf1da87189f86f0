"""The glossary: well formed, its names exist, and every reader of it gets what it needs."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest

import momentum_docs
from conftest import BuiltSite
from momentum_docs import glossary
from momentum_docs.figures.labels import table

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("term", glossary.TERMS.values(), ids=lambda term: term.id)
def test_each_term_is_chinese_and_its_package_names_exist(term: glossary.Term) -> None:
    assert re.search(r"[\u4e00-\u9fff]", term.zh), term.id
    assert not re.search(r"[\u4e00-\u9fff]", term.en), term.id
    for name in term.package:
        target: object = momentum_docs
        for part in name.split("."):
            target = getattr(target, part)  # AttributeError names what is missing


def test_a_malformed_glossary_fails_naming_the_term(tmp_path: Path) -> None:
    bad = tmp_path / "glossary.toml"
    bad.write_text('[[term]]\nid = "x"\nen = "x"\nzh = "动量"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"term 1 \(x\): needs source"):
        glossary.load(bad)
    bad.write_text('[[term]]\nid = "x"\nen = "x"\nzh = "动量"\nsource = "s"\nsymbol = "\\\\gamma"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="symbol_text"):
        glossary.load(bad)


def test_figure_labels_use_the_glossary_terms() -> None:
    """A figure string that is exactly a glossary term (its English without a parenthesis) is translated as the glossary says."""
    by_english: dict[str, set[str]] = {}
    for term in glossary.TERMS.values():
        by_english.setdefault(re.sub(r"\s*\(.*\)$", "", term.en), set()).add(term.zh)
    labels = table("zh")
    checked = 0
    for english, chinese in by_english.items():
        if english in labels and len(chinese) == 1:
            assert labels[english] == next(iter(chinese)), english
            checked += 1
    assert checked >= 3


def test_jieba_keeps_the_glossary_terms_whole(tmp_path: Path) -> None:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    sentence = "动量法是一种优化算法，学习率和动量超参数决定指数加权移动平均的窗口，鞍点附近梯度很小。"
    plain = list(jieba.Tokenizer().cut(sentence))
    assert "动量法" not in plain and "学习率" not in plain  # what the user dictionary is for
    segmenter = jieba.Tokenizer()
    dictionary = tmp_path / "user.txt"
    dictionary.write_text(glossary.jieba_user_dictionary(), encoding="utf-8")
    with dictionary.open("rb") as file:  # jieba leaves a file it opened itself unclosed
        segmenter.load_userdict(file)
    words = list(segmenter.cut(sentence))
    for term in ("动量法", "学习率", "动量超参数", "指数加权移动平均", "鞍点"):
        assert term in words, words


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_notation_table_lists_every_term(language: str) -> None:
    table_text = glossary.markdown_table(language)
    rows = table_text.splitlines()[2:]
    terms = [term for term in glossary.TERMS.values() if term.kind == "term"]
    assert len(rows) == len(terms)
    first = [row.split(" | ")[0].lstrip("| ") for row in rows]
    assert first == [term.en if language == "en" else term.zh for term in terms]


def test_the_hook_puts_the_table_of_the_page_language_in_place_of_the_marker() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("glossary_hook", ROOT / "hooks" / "glossary.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    hook._terms.update(glossary.TERMS)
    page = SimpleNamespace(file=SimpleNamespace(locale="zh"))
    out = hook.on_page_markdown("# 符号说明\n\n<!-- glossary-table -->\n\n## 小结\n", page, None, None)
    assert "| 中文 | English |" in out and "| 动量法 | momentum (the method) |" in out and "glossary-table" not in out


def test_the_built_site_serves_the_glossary_to_scripts(built_site: BuiltSite) -> None:
    data = json.loads((built_site.path / "assets" / "glossary.json").read_text(encoding="utf-8"))
    assert data == json.loads(glossary.as_json())
    assert data["terms"]["learning-rate"]["zh"] == "学习率"
    script = built_site.path / "assets" / "javascripts" / "glossary.js"
    node = shutil.which("node")
    if node is None:
        pytest.skip("needs Node.js to run the script")
    result = subprocess.run(
        [node, "-e", f"require({json.dumps(str(script))}); console.log(JSON.stringify(globalThis.momentumGlossary))"],
        capture_output=True, text=True, check=True,
    )
    assert json.loads(result.stdout) == data


def test_the_search_dictionary_is_written_outside_docs(built_site: BuiltSite) -> None:
    dictionary = ROOT / ".cache" / "search" / "jieba-user-dict.txt"
    assert dictionary.read_text(encoding="utf-8") == glossary.jieba_user_dictionary()
    index = json.loads((built_site.path / "search" / "search_index.json").read_text(encoding="utf-8"))
    chinese = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("zh/"))
    assert "\u200b动量法\u200b" in chinese and "\u200b学习率\u200b" in chinese
