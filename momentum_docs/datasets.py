"""Data used on the site: the NASA airfoil self-noise data set, and a 2-D classification set made by code.

The file ``data/airfoil_self_noise.dat`` ships with the package, with its
attribution in ``data/README.md`` (CC BY 4.0; Brooks, Pope and Marcolini,
NASA RP-1218, 1989, via the UCI Machine Learning Repository).

>>> raw = load_airfoil_raw()
>>> raw.shape, round(float(raw[:, 5].mean()), 3)
((1503, 6), 124.836)
>>> features, labels = load_airfoil()
>>> features.shape, labels.shape
((1500, 5), (1500,))

:func:`two_moons` draws a small classification problem from a seed, for the
neural-network experiment.
"""

from __future__ import annotations

from importlib.resources import files

import numpy as np

from .validation import check_finite_array, check_positive_int

__all__ = ["AIRFOIL_COLUMNS", "load_airfoil", "load_airfoil_raw", "two_moons"]

AIRFOIL_COLUMNS = (
    "frequency [Hz]",
    "angle of attack [deg]",
    "chord length [m]",
    "free-stream velocity [m/s]",
    "suction-side displacement thickness [m]",
    "scaled sound pressure level [dB]",
)


def load_airfoil_raw() -> np.ndarray:
    """All 1503 rows and 6 columns, in their original units."""
    with (files("momentum_docs") / "data" / "airfoil_self_noise.dat").open("rb") as handle:
        data = np.loadtxt(handle, delimiter="\t")
    if data.shape != (1503, 6):
        raise RuntimeError(f"airfoil_self_noise.dat should hold 1503 x 6 numbers, found {data.shape}")
    return data


def load_airfoil(n: int = 1500) -> tuple[np.ndarray, np.ndarray]:
    """Standardised features (5 columns) and label of the first ``n`` rows.

    As in *Dive into Deep Learning*, every column (the label too) is
    standardised with the mean and standard deviation of all 1503 rows,
    and then the first ``n`` rows (1500 by default) are kept.
    """
    n = check_positive_int(n, "n")
    data = load_airfoil_raw()
    if n > len(data):
        raise ValueError(f"n must be at most {len(data)}, got {n}")
    data = (data - data.mean(axis=0)) / data.std(axis=0)
    return data[:n, :-1], data[:n, -1]


def two_moons(n: int = 200, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles in the plane: points ``X`` of shape ``(n, 2)`` and labels ``y`` in {0, 1}.

    Class 0 lies on the upper half of the unit circle, ``(cos t, sin t)``;
    class 1 on a lower half circle shifted right and up,
    ``(1 - cos t, 1/2 - sin t)``, with ``t`` uniform in ``[0, pi]``. Each
    point gets Gaussian noise of standard deviation ``noise``. No straight
    line separates the classes, so a linear model cannot fit them and a
    small network can. The same ``seed`` always gives the same points. Of
    the ``n`` points, ``n // 2`` are in class 0.

    >>> X, y = two_moons(n=6, seed=0)
    >>> X.shape, y.tolist()
    ((6, 2), [0, 0, 0, 1, 1, 1])
    >>> bool(np.array_equal(X, two_moons(n=6, seed=0)[0]))
    True
    """
    n = check_positive_int(n, "n")
    if n < 2:
        raise ValueError(f"n must be >= 2 (one point per class at least), got {n}")
    noise = float(check_finite_array(noise, "noise"))
    if noise < 0:
        raise ValueError(f"noise must be >= 0, got {noise}")
    rng = np.random.default_rng(seed)
    counts = (n // 2, n - n // 2)
    t = [rng.uniform(0.0, np.pi, size=count) for count in counts]
    upper = np.column_stack([np.cos(t[0]), np.sin(t[0])])
    lower = np.column_stack([1.0 - np.cos(t[1]), 0.5 - np.sin(t[1])])
    X = np.concatenate([upper, lower]) + rng.normal(scale=noise, size=(n, 2))
    y = np.repeat([0, 1], counts)
    return X, y
