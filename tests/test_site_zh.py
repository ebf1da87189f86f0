"""The built site in two languages: the switcher, the language tag, the figures of each edition."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import BuiltSite
from translations import nav_pages, source_path

PAGES = nav_pages()


def built(site: Path, name: str, language: str) -> Path:
    folder = site / "zh" if language == "zh" else site
    return folder / "index.html" if name == "index" else folder / name / "index.html"


def switcher(html: str) -> dict[str, str]:
    return dict((language, href) for href, language in re.findall(r'<a href="([^"]*)" hreflang="([\w-]+)"', html))


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("name", PAGES)
def test_the_switcher_leads_to_the_same_page_in_each_language(built_site: BuiltSite, name: str, language: str) -> None:
    page = built(built_site.path, name, language)
    links = switcher(page.read_text(encoding="utf-8"))
    assert set(links) == {"en", "zh"}
    for other, href in links.items():
        path = urlsplit(href).path
        target = (built_site.path / path.lstrip("/")) if path.startswith("/") else (page.parent / path)
        assert target.resolve() / "index.html" == built(built_site.path, name, other).resolve(), (other, href)


@pytest.mark.parametrize("name", PAGES)
def test_each_edition_declares_its_language(built_site: BuiltSite, name: str) -> None:
    for language in ("en", "zh"):
        html = built(built_site.path, name, language).read_text(encoding="utf-8")
        assert re.search(rf'<html lang="{language}"', html), (name, language)


@pytest.mark.parametrize("name", PAGES)
def test_each_page_shows_the_figures_of_its_own_language(built_site: BuiltSite, name: str) -> None:
    """A translated page shows figures/<name>.zh.svg; an English page under /zh/ keeps the English ones."""
    html = built(built_site.path, name, "zh").read_text(encoding="utf-8")
    translated = source_path(name, "zh") is not None
    english = re.findall(r'src="[^"]*figures/[\w.\-]+?(?<!\.zh)\.svg"', html)
    chinese = re.findall(r'src="[^"]*figures/[\w.\-]+\.zh\.svg"', html)
    assert not (english if translated else chinese), name


def test_the_chinese_theme_speaks_chinese(built_site: BuiltSite) -> None:
    home = (built_site.path / "zh" / "index.html").read_text(encoding="utf-8")
    assert "<title>首页 - 动量法：推导与验证</title>" in home
    assert '<meta name="description" content="梯度下降的动量法' in home
    assert "切换到深色模式" in home and "Switch to dark mode" not in home
    assert ">从零开始实现动量法<" in home and ">Momentum from scratch<" not in home  # nav titles
    notebook = (built_site.path / "zh" / "basics" / "from-scratch" / "index.html").read_text(encoding="utf-8")
    assert 'title="下载本页的 Jupyter 笔记本（.ipynb）"' in notebook
    not_found = (built_site.path / "404.html").read_text(encoding="utf-8")
    assert "页面不存在" in not_found and "Not found" in not_found
