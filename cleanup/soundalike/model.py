"""The decision model: a logistic regression over a candidate's features.

A small data file (``decision_model.json`` beside this module) written by
``bench/train.py``; read here without any training library. For a feature vector ``x``
(in the order of ``names``) the log odds that the candidate is right are

    intercept + sum(coef[i] * (x[i] - mean[i]) / scale[i])

in natural-log units (the *raw* log odds). The probability is the calibration map of
them: Platt scaling (Platt 1999) fitted on held-out proposals by ``bench/train.py``,
stored as knots (raw log odds, probability) and read by linear interpolation, flat
beyond the ends (any monotone map can be stored so); without knots, the logistic
function of the raw log odds. Each term of
the sum is the feature's *contribution*, which the edit's reason reports, largest first.
The probability is calibrated on held-out documents (``bench/train.py`` reports the
reliability table; docs/design.md the figures).
"""

from __future__ import annotations

import bisect
import json
import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("decision_model.json")
MODEL_FORMAT = 1


class ModelError(ValueError):
    """The decision model file is missing, unreadable or inconsistent."""


@dataclass(frozen=True)
class LinearModel:
    """Weights of a standardized logistic regression; see the module docstring."""

    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    about: Mapping[str, object]
    knots: tuple[tuple[float, float], ...] = ()  # calibration: (raw log odds, probability)

    def __post_init__(self) -> None:
        sizes = {len(self.names), len(self.mean), len(self.scale), len(self.coef)}
        if len(sizes) != 1:
            raise ModelError("decision model: names, mean, scale and coef differ in length")
        if any(s <= 0 for s in self.scale):
            raise ModelError("decision model: every scale must be positive")
        xs = [k[0] for k in self.knots]
        if xs != sorted(xs) or any(not 0.0 <= k[1] <= 1.0 for k in self.knots):
            raise ModelError(
                "decision model: calibration knots must rise in log odds, probabilities in 0..1"
            )

    def contributions(self, x: Sequence[float]) -> list[float]:
        """Each feature's share of the raw log odds (natural logs), in ``names`` order."""
        return [
            c * (v - m) / s for v, m, s, c in zip(x, self.mean, self.scale, self.coef, strict=True)
        ]

    def raw_log_odds(self, x: Sequence[float]) -> float:
        """The regression's natural-log odds, before calibration."""
        total = self.intercept
        for v, m, s, c in zip(x, self.mean, self.scale, self.coef, strict=True):
            total += c * (v - m) / s
        return total

    def calibrated(self, raw: float) -> float:
        """The probability for raw log odds ``raw``: the calibration map (see the module)."""
        knots = self.knots
        if not knots:
            return logistic(raw)
        at = bisect.bisect_right(knots, raw, key=lambda k: k[0])
        if at == 0:
            return knots[0][1]
        if at == len(knots):
            return knots[-1][1]
        (x0, y0), (x1, y1) = knots[at - 1], knots[at]
        return y0 if x1 == x0 else y0 + (y1 - y0) * (raw - x0) / (x1 - x0)

    def probability(self, x: Sequence[float]) -> float:
        """P(right) in [0, 1], calibrated."""
        return self.calibrated(self.raw_log_odds(x))

    def to_json(self) -> str:
        data = {
            "format": MODEL_FORMAT,
            "names": list(self.names),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "coef": list(self.coef),
            "intercept": self.intercept,
            "knots": [list(k) for k in self.knots],
            "about": dict(self.about),
        }
        return json.dumps(data, indent=1, sort_keys=True) + "\n"


def logistic(value: float) -> float:
    """1 / (1 + e^-value), without overflow."""
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    z = math.exp(value)
    return z / (1.0 + z)


def _floats(data: Mapping[str, object], key: str) -> tuple[float, ...]:
    values = data.get(key)
    if not isinstance(values, list) or not all(isinstance(v, int | float) for v in values):
        raise ModelError(f"decision model: {key!r} must be a list of numbers")
    return tuple(float(v) for v in values)


def from_json(text: str, where: str = "decision model") -> LinearModel:
    """Parse a model file's text.

    Raises ModelError when the text is not a model of this format.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ModelError(f"{where}: not JSON ({error})") from error
    if not isinstance(data, dict) or data.get("format") != MODEL_FORMAT:
        raise ModelError(f"{where}: not a decision model of format {MODEL_FORMAT}")
    names = data.get("names")
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise ModelError(f"{where}: 'names' must be a list of feature names")
    intercept = data.get("intercept")
    if not isinstance(intercept, int | float):
        raise ModelError(f"{where}: 'intercept' must be a number")
    about = data.get("about", {})
    knots = data.get("knots", [])
    if not isinstance(knots, list) or not all(
        isinstance(k, list) and len(k) == 2 and all(isinstance(v, int | float) for v in k)
        for k in knots
    ):
        raise ModelError(f"{where}: 'knots' must be a list of [log odds, probability] pairs")
    return LinearModel(
        tuple(names),
        _floats(data, "mean"),
        _floats(data, "scale"),
        _floats(data, "coef"),
        float(intercept),
        about if isinstance(about, dict) else {},
        tuple((float(a), float(b)) for a, b in knots),
    )


def load_model(path: Path | None = None, known: Collection[str] = ()) -> LinearModel:
    """The shipped model (or the one at ``path``); with ``known``, every feature it names
    must be one of them.

    Raises ModelError when the file cannot be read, is not a model, or names a feature
    outside ``known``.
    """
    path = path or MODEL_PATH
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ModelError(
            f"cannot read the decision model {path}: {error}; reinstall cleanup"
        ) from error
    model = from_json(text, str(path))
    unknown = [name for name in model.names if known and name not in known]
    if unknown:
        raise ModelError(
            f"{path}: unknown features {', '.join(unknown)}; the model was trained for "
            "another version of cleanup (retrain with bench/train.py --write)"
        )
    return model
