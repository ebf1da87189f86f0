"""momentum_docs: the momentum method for gradient descent, derived and checked.

Everything the documentation site computes comes from this package: the
objectives and their gradients, the optimizers, the closed-form results and
the figures. The names of the first lecture note's code (``f_2d``,
``gd_2d``, ``momentum_2d``, ``train_2d``, ``show_trace_2d``,
``init_momentum_states``, ``sgd_momentum``, ``Parameter``) are importable
from here, so that code runs unchanged.

>>> from momentum_docs import train_2d, momentum_2d
>>> _ = train_2d(momentum_2d)
epoch 20, x1 -0.062843, x2 0.001202
"""

from .d2l import (
    Parameter,
    f_2d,
    gd_2d,
    get_data_ch7,
    init_momentum_states,
    momentum_2d,
    sgd,
    sgd_momentum,
    show_trace_2d,
    train_2d,
    train_ch7,
)
from .datasets import load_airfoil, load_airfoil_raw, two_moons
from .ema import effective_window, ema, ema_unrolled, ema_weights, window_mass, window_weight
from .mlp import MLP, CrossEntropy
from .objectives import (
    BallLandscape,
    CyclingCounterexample,
    NoisyQuadratic,
    Quadratic,
    ball_landscape,
    ill_conditioned_quadratic,
)
from .optimizers import (
    DivergenceError,
    DivergenceWarning,
    GradientDescent,
    Momentum,
    MovementMomentum,
    Nesterov,
    Trajectory,
    optimize,
)
from .regression import TrainingHistory, train_linear_regression
from .saddles import PlateauSaddle, StrictSaddle, steps_to_escape

__version__ = "0.1.0"

__all__ = [
    "MLP",
    "BallLandscape",
    "CrossEntropy",
    "CyclingCounterexample",
    "DivergenceError",
    "DivergenceWarning",
    "GradientDescent",
    "Momentum",
    "MovementMomentum",
    "Nesterov",
    "NoisyQuadratic",
    "Parameter",
    "PlateauSaddle",
    "Quadratic",
    "StrictSaddle",
    "TrainingHistory",
    "Trajectory",
    "ball_landscape",
    "effective_window",
    "ema",
    "ema_unrolled",
    "ema_weights",
    "f_2d",
    "gd_2d",
    "get_data_ch7",
    "ill_conditioned_quadratic",
    "init_momentum_states",
    "load_airfoil",
    "load_airfoil_raw",
    "momentum_2d",
    "optimize",
    "sgd",
    "sgd_momentum",
    "show_trace_2d",
    "steps_to_escape",
    "train_2d",
    "train_ch7",
    "train_linear_regression",
    "two_moons",
    "window_mass",
    "window_weight",
]
