"""Controls generated from the parameter schema, and parsing of what people type into them.

Nothing here copies a number from the schema: labels, units, bounds, defaults and help texts
are read from :mod:`model.params` so the page can never disagree with the model.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from analysis.i18n import N_, get_language, gettext
from model.levers import LEVERS
from model.params import LEVER_NAMES, Levers, Params, bounds, field_info
from model.scenario import ScenarioError, with_overrides

Kind = Literal["int", "float", "bool"]

# One line each on what a lever does, for people who have not read the model description.
# each lever's purpose in plain words, from the lever registry (model/levers/)
LEVER_PURPOSE = {cls.name: cls.purpose for cls in LEVERS}


class InputProblem(ValueError):
    """Something typed into the page cannot be used; the message is one line for the page."""


@dataclass(frozen=True)
class Control:
    """One input generated from a schema field."""

    path: str  # dotted path, e.g. "levers.municipal_jobs.positions"
    label: str
    kind: Kind
    unit: str
    lo: float | None
    hi: float | None
    default: Any
    help: str
    source: str

    @property
    def is_cost(self) -> bool:
        """A unit cost (NOK) rather than a setting of the lever."""
        return "cost" in self.path.rsplit(".", 1)[-1]

    @property
    def range_text(self) -> str:
        """The allowed range with its unit, e.g. ``0 to 50 positions`` (current language)."""
        return self.range_in()

    def range_in(self, lang: str | None = None) -> str:
        """The allowed range with its unit in ``lang``: ``0 to 50 positions``, ``0 til 50
        stillinger``."""
        if self.kind == "bool":
            return gettext(N_("yes or no"), lang)
        lo = fmt_number(self.lo, lang) if self.lo is not None else gettext(N_("any"), lang)
        hi = fmt_number(self.hi, lang) if self.hi is not None else gettext(N_("any"), lang)
        unit = self.unit_in(lang)
        return gettext(N_("{lo} to {hi}"), lang).format(lo=lo, hi=hi) + (" " + unit if unit else "")

    def label_in(self, lang: str | None = None) -> str:
        """The field's label in ``lang`` (the words are in :mod:`analysis.i18n.schema_terms`),
        capitalised: a label and a unit may be the same word (``FTE``, ``årsverk``)."""
        text = gettext(self.label, lang)
        return text[:1].upper() + text[1:]

    def unit_in(self, lang: str | None = None) -> str:
        return gettext(self.unit, lang)

    def help_in(self, lang: str | None = None) -> str:
        return gettext(self.help, lang)

    @property
    def step(self) -> float:
        if self.kind == "int":
            return 1
        span = (self.hi or 1.0) - (self.lo or 0.0)
        return 10 ** math.floor(math.log10(span / 100)) if span > 0 else 0.01


def fmt_number(x: float | None, lang: str | None = None) -> str:
    """A bound as people write it: ``200 000``, ``0.1`` (bokmål: ``0,1``)."""
    if x is None:
        return ""
    nb = get_language(lang) == "nb"
    if float(x).is_integer():
        return f"{int(x):,}".replace(",", "\xa0" if nb else " ")
    return f"{x:g}".replace(".", ",") if nb else f"{x:g}"


def label_of(name: str) -> str:
    """``duration_months`` -> ``Duration months``; ``fte`` -> ``FTE``."""
    words = name.split("_")
    special = {"fte": "FTE", "ip": "IP", "nav": "Nav", "norwegian": "Norwegian"}
    out = [special.get(w, w) for w in words]
    text = " ".join(out)
    return text[:1].upper() + text[1:]


def lever_title(lever: str) -> str:
    return label_of(lever)


def control_for(path: str) -> Control:
    """The control of one scalar schema field."""
    info, extra = field_info(path)
    ann = info.annotation
    if ann is bool:
        kind: Kind = "bool"
    elif ann is int:
        kind = "int"
    elif ann is float:
        kind = "float"
    else:
        raise TypeError(f"{path}: no control for {ann}")
    lo, hi = bounds(info)
    return Control(
        path=path,
        label=label_of(path.rsplit(".", 1)[-1]),
        kind=kind,
        unit=str(extra.get("unit", "")),
        lo=lo,
        hi=hi,
        default=info.default,
        help=info.description or "",
        source=str(extra.get("source", "")),
    )


def lever_controls() -> dict[str, list[Control]]:
    """Every lever with a control for each of its fields, in schema order."""
    out: dict[str, list[Control]] = {}
    for lever in LEVER_NAMES:
        cls = Levers.model_fields[lever].annotation
        assert isinstance(cls, type) and issubclass(cls, BaseModel)
        out[lever] = [control_for(f"levers.{lever}.{name}") for name in cls.model_fields]
    return out


def years_control() -> Control:
    return control_for("years")


def get_value(params: Params, path: str) -> Any:
    node: Any = params
    for part in path.split("."):
        node = getattr(node, part)
    return node


def parse_value(control: Control, raw: Any, lang: str | None = None) -> Any:
    """Turn page input into a value of the field's type, or raise InputProblem (one line, in
    ``lang``).

    Bounds are checked by the schema itself (:func:`apply_settings`), so the message names
    the allowed range exactly as the schema states it.
    """
    label, allowed = control.label_in(lang), control.range_in(lang)

    def problem(message: str) -> InputProblem:
        words = gettext(message, lang).format(raw=repr(raw), range=allowed)
        return InputProblem(f"{label}: {words}")

    if control.kind == "bool":
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in ("true", "yes", "1", "on"):
            return True
        if text in ("false", "no", "0", "off"):
            return False
        raise problem(N_("expected yes or no (got {raw})"))
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise problem(N_("a number is needed ({range})"))
    try:
        number = float(str(raw).replace(" ", "").replace("\xa0", "").replace(",", "."))
    except ValueError:
        raise problem(N_("{raw} is not a number ({range})")) from None
    if not math.isfinite(number):
        raise problem(N_("{raw} is not a finite number"))
    if control.kind == "int":
        if not number.is_integer():
            raise problem(N_("{raw} is not a whole number ({range})"))
        return int(number)
    return number


def parse_seed(raw: Any, lang: str | None = None) -> int:
    """A master seed from page input: a whole number, 0 or more."""
    text = str(raw if raw is not None else "").strip()
    seed_word = gettext(N_("Seed"), lang)
    try:
        seed = int(text)
    except ValueError:
        words = gettext(N_("{raw} is not a whole number (use 0 or more)"), lang)
        raise InputProblem(f"{seed_word}: " + words.format(raw=repr(text))) from None
    if seed < 0 or seed >= 2**63:
        words = gettext(N_("{seed} is out of range (use 0 to 2^63-1)"), lang)
        raise InputProblem(f"{seed_word}: " + words.format(seed=seed))
    return seed


def apply_settings(base: Params, overrides: dict[str, Any]) -> Params:
    """``base`` with dotted-path overrides, validated by the schema.

    Raises:
        InputProblem: the combination is impossible; the schema's one-line message.
    """
    if not overrides:
        return base
    try:
        return with_overrides(base, overrides, source="page")
    except ScenarioError as exc:
        raise InputProblem(str(exc).removeprefix("page: ")) from None


def changed_levers(params: Params, baseline: Params) -> list[str]:
    """Levers whose settings differ from the baseline, in schema order."""
    return [
        lever
        for lever in LEVER_NAMES
        if getattr(params.levers, lever) != getattr(baseline.levers, lever)
    ]


def with_levers_of(baseline: Params, params: Params, levers: list[str]) -> Params:
    """The baseline with only the named levers taken from ``params`` (one lever alone)."""
    data = baseline.model_dump(mode="json")
    for lever in levers:
        data["levers"][lever] = getattr(params.levers, lever).model_dump(mode="json")
    data["years"] = params.years
    return Params.model_validate(data)
