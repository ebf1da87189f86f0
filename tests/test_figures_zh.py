"""Chinese figures: every label translated, every character drawable, the same bytes every time."""

from __future__ import annotations

import inspect
import re

import pytest
from matplotlib.figure import Figure

from momentum_docs.figures import GALLERY, cjk, render_svg
from momentum_docs.figures.labels import (
    LANGUAGE_VARIABLE,
    MissingLabel,
    needs_translation,
    table,
    template,
    translator,
)
from test_figures import figure_functions

#: Latin words a Chinese figure may draw: names, code, variables
ALLOWED = {"SGD", "Nesterov", "Keras", "PyTorch", "optax", "D2L", "torch", "optim", "StrictSaddle", "PlateauSaddle",
           "stable", "depth", "True", "False",
           # names of people, and the subscripts of λ_max, λ_min, η_eff written in Unicode
           "Polyak", "Chebyshev", "Huber", "max", "min", "eff"}
_MATH = re.compile(r"\$[^$]*\$")


def drawn_texts(figure: Figure) -> list[str]:
    from matplotlib.text import Text

    render_svg(figure)  # tick labels exist only once drawn
    return [artist.get_text() for artist in figure.findobj(Text) if artist.get_text()]


def test_every_character_of_every_chinese_label_is_in_the_font_subset() -> None:
    missing = cjk.required_characters() - cjk.font_characters()
    assert not missing, f"the font subset lacks {''.join(sorted(missing))!r}: run python scripts/subset_cjk_font.py"


def test_the_font_subset_has_its_own_family_and_is_registered() -> None:
    from matplotlib import font_manager

    assert cjk.register() == cjk.FAMILY
    names = {entry.name for entry in font_manager.fontManager.ttflist if entry.fname in map(str, cjk.FONT_FILES.values())}
    assert names == {cjk.FAMILY}
    assert font_manager.findfont(font_manager.FontProperties(family=cjk.FAMILY)) == str(cjk.FONT_FILES["Regular"])


def test_the_subset_check_sees_a_missing_character() -> None:
    assert cjk.missing_characters("动量法 ☃ $\\gamma$") == {"☃"}


@pytest.mark.parametrize("key", sorted(table("zh")))
def test_each_translation_keeps_every_placeholder_once(key: str) -> None:
    value = table("zh")[key]
    assert value.strip() and needs_translation(key), key
    assert sorted(re.findall(r"\{\d+\}", value)) == sorted(re.findall(r"\{\d+\}", key)), (key, value)
    assert "$" not in value, f"math belongs in the placeholders, not in the table: {key!r}"


def test_every_figure_function_takes_a_language() -> None:
    for name, function in figure_functions().items():
        parameter = inspect.signature(function).parameters.get("language")
        assert parameter is not None and parameter.default == "en", f"{name} needs language: str = 'en'"


def test_template_replaces_math_and_numbers_but_not_words() -> None:
    assert template(r"after 20 steps: x2 = 3, D2L 1st ed., $\eta=0.4$") == (
        "after {0} steps: x2 = {1}, D2L 1st ed., {2}", ["20", "3", r"$\eta=0.4$"]
    )
    assert translator("zh")(r"$\eta=0.02$, $\gamma=0.5$") == r"$\eta=0.02$, $\gamma=0.5$"


@pytest.mark.parametrize("name", sorted(figure_functions()))
def test_figure_draws_in_chinese_with_no_english_and_no_missing_glyph(name: str) -> None:
    figure = figure_functions()[name](language="zh")
    texts = drawn_texts(figure)
    assert cjk.missing_glyphs(figure) == []
    english = [
        text for text in texts
        if [word for word in re.findall(r"[A-Za-z]{2,}", _MATH.sub("", text)) if word not in ALLOWED]
    ]
    assert not english, f"{name} draws English on a Chinese figure: {english}"


@pytest.mark.parametrize("name", sorted(GALLERY))
def test_chinese_svg_is_the_same_every_time(name: str) -> None:
    spec = GALLERY[name]
    assert render_svg(spec.draw(language="zh")) == render_svg(spec.draw(language="zh"))


def test_a_missing_label_fails_naming_the_figure_and_the_label(monkeypatch: pytest.MonkeyPatch) -> None:
    from momentum_docs.figures import labels

    incomplete = {key: value for key, value in table("zh").items() if key != "real part"}
    monkeypatch.setattr(labels, "table", lambda language: incomplete)
    with pytest.raises(MissingLabel) as failure:
        GALLERY["quadratic-eigenvalues"].draw(language="zh")
    assert "fig_quadratic_eigenvalues" in str(failure.value) and "'real part'" in str(failure.value)


def test_the_environment_sets_the_default_language(monkeypatch: pytest.MonkeyPatch) -> None:
    from momentum_docs.figures.quadratic import fig_quadratic_eigenvalues as figure

    monkeypatch.setenv(LANGUAGE_VARIABLE, "zh")
    assert render_svg(figure()) == render_svg(figure(language="zh"))
    assert render_svg(figure(language="en")) != render_svg(figure())
    monkeypatch.setenv(LANGUAGE_VARIABLE, "fr")
    with pytest.raises(ValueError, match=LANGUAGE_VARIABLE):
        figure()


def test_regenerating_the_subset_gives_the_same_bytes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    sources = {weight: cjk.SOURCE_DIR / f"NotoSansCJK-{weight}.ttc" for weight in cjk.WEIGHTS}
    if not all(path.is_file() for path in sources.values()):
        pytest.skip("needs Debian's fonts-noto-cjk (the source of the subset), which .ci/run installs")
    for weight, source in sources.items():
        output = tmp_path / cjk.FONT_FILES[weight].name
        cjk.subset(source, cjk.required_characters(), output)
        assert output.read_bytes() == cjk.FONT_FILES[weight].read_bytes(), (
            f"{output.name} is out of date: run python scripts/subset_cjk_font.py"
        )
