"""Real data used on the site: the NASA airfoil self-noise data set.

The file ``data/airfoil_self_noise.dat`` ships with the package, with its
attribution in ``data/README.md`` (CC BY 4.0; Brooks, Pope and Marcolini,
NASA RP-1218, 1989, via the UCI Machine Learning Repository).

>>> raw = load_airfoil_raw()
>>> raw.shape, round(float(raw[:, 5].mean()), 3)
((1503, 6), 124.836)
>>> features, labels = load_airfoil()
>>> features.shape, labels.shape
((1500, 5), (1500,))
"""

from __future__ import annotations

from importlib.resources import files

import numpy as np

from .validation import check_positive_int

__all__ = ["AIRFOIL_COLUMNS", "load_airfoil", "load_airfoil_raw"]

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
