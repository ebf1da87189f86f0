"""The look shared by every figure: colours, sizes, and a decorator that applies them.

Figures are built from :class:`matplotlib.figure.Figure` directly, so they
need no backend and leave pyplot (and a notebook's inline backend) alone.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec

import matplotlib
from matplotlib.figure import Figure

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
    """Run a figure function with the site's rcParams, whatever the caller's are."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Figure:
        with matplotlib.rc_context(_STYLE):
            return function(*args, **kwargs)

    return wrapper


def new_figure(width: float = 6.4, height: float = 3.6) -> Figure:
    """A transparent Figure with constrained layout, sized in inches."""
    return Figure(figsize=(width, height), layout="constrained")
