"""The building blocks of the parameter schema: a field with bounds, unit and source, and the
section base class that rejects unknown keys and any NaN or infinity. ``model/params.py``
assembles the schema from sections; each lever's section lives with the lever in
``model/levers/``."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


def P(
    default: Any,
    *,
    ge: float | None = None,
    le: float | None = None,
    unit: str = "",
    source: str = "assumption",
    doc: str = "",
    prior: tuple[float, float] | None = None,
) -> Any:
    """A schema field with bounds, unit and source. ``prior=(lo, hi)`` marks an uncertain
    behavioural parameter with no published value: calibration fits it, with this range as its
    uniform prior (``bygdesim calibrate``); it is kept in the metadata as ``prior``."""
    extra: dict[str, Any] = {"unit": unit, "source": source}
    if prior is not None:
        extra["prior"] = (float(prior[0]), float(prior[1]))
    return Field(default, ge=ge, le=le, description=doc, json_schema_extra=extra)


class Section(BaseModel):
    """A section of the schema: unknown keys are errors, assignments are validated, and no
    number anywhere in it (a scalar, a value of a map such as ``labour.sector_shares``, an entry
    of a list) may be NaN or an infinity: such a value fails validation with "Input should be a
    finite number", whatever bounds the field has."""

    model_config = ConfigDict(
        extra="forbid", validate_assignment=True, frozen=False, allow_inf_nan=False
    )
