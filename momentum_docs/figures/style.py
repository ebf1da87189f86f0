"""The look shared by every figure: colours, sizes, and a decorator that applies them.

Figures are built from :class:`matplotlib.figure.Figure` directly, so they
need no backend and leave pyplot (and a notebook's inline backend) alone.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import ParamSpec

import matplotlib
from matplotlib.figure import Figure

from .cjk import language_rc
from .labels import MissingLabel, default_language

#: one colour per method, the same on every page
COLORS = {
    "gd": "#d95f02",
    "momentum": "#1f5fbf",
    "nesterov": "#1b9e77",
    "contour": "#a0a0a0",
    "reference": "#555555",
    "accent": "#7570b3",
}

_STYLE = {
    # transparent: on the page's background in both palettes (the dark one inverts the figure's
    # colours with a CSS filter, overrides/assets/stylesheets/site.css), no white box on a dark page
    "figure.facecolor": "none",
    "axes.facecolor": "none",
    "axes.grid": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "legend.fontsize": 9,
    "legend.frameon": False,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "lines.linewidth": 1.6,
    "lines.markersize": 4,
    "font.family": "DejaVu Sans",
    "mathtext.fontset": "dejavusans",
}

P = ParamSpec("P")


def styled(function: Callable[P, Figure]) -> Callable[P, Figure]:
    """Run a figure function with the site's rcParams, whatever the caller's are.

    The function takes ``language: str = "en"``; a caller that passes none gets
    :func:`~momentum_docs.figures.labels.default_language` (``MOMENTUM_DOCS_LANGUAGE``, else
    English). A missing Chinese label is reported with the figure's name.
    """
    signature = inspect.signature(function)
    if "language" not in signature.parameters:
        raise TypeError(f"{function.__qualname__} must take language: str = \"en\" (see figures/labels.py)")

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Figure:
        bound = signature.bind(*args, **kwargs)
        language = bound.arguments.setdefault("language", default_language())
        try:
            with matplotlib.rc_context({**_STYLE, **language_rc(language)}):
                return function(*bound.args, **bound.kwargs)
        except MissingLabel as missing:
            raise missing.in_figure(function.__qualname__) from None

    return wrapper


def new_figure(width: float = 6.4, height: float = 3.6) -> Figure:
    """A transparent Figure with constrained layout, sized in inches."""
    return Figure(figsize=(width, height), layout="constrained")
