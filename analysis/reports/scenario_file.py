"""A scenario file written out for a planner: every setting of the parameter schema, with its
meaning, unit, allowed range and source as comments.

The file is an override of its ``base`` (a preset, or the schema's defaults when there is
none): a setting the base already has is written commented out (``#key = value``, no space,
while explanations start ``# ``), so the file lists everything but changes only what is
active. A planner deletes the ``#`` in front of a line to change that setting. Settings that
differ from the base are active lines. The text is checked before it is returned: read back
over the base it gives exactly the parameters it was made from. ``bygdesim new-scenario`` and
the dashboard's download both write it.
"""

from __future__ import annotations

import json
import re
import textwrap
import tomllib
from typing import Any

from pydantic import BaseModel

from model.levers import LEVERS
from model.params import Params, bounds
from model.scenario import META_KEYS, deep_merge, validate

WIDTH = 96  # literal: line width of the comments
PURPOSE = {cls.name: cls.purpose for cls in LEVERS}
BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _model_list(annotation: Any) -> type[BaseModel] | None:
    """The item class of a ``list[SomeSection]`` field, else None."""
    args = getattr(annotation, "__args__", ())
    if getattr(annotation, "__origin__", None) is list and args and _is_model(args[0]):
        return args[0]
    return None


# ---- TOML values ---------------------------------------------------------------------------
def toml_value(value: Any) -> str:
    """A JSON-form value (``model_dump(mode="json")``) as TOML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        items = ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items())
        return "{ " + items + " }" if items else "{}"
    raise TypeError(f"cannot write {value!r} as TOML")


def toml_key(key: str) -> str:
    return key if BARE_KEY.match(key) else json.dumps(key, ensure_ascii=False)


def _comment(text: str, indent: str = "") -> list[str]:
    lead = "# " + indent
    return textwrap.wrap(text, WIDTH, initial_indent=lead, subsequent_indent=lead) or []


def describe(info: Any) -> list[str]:
    """The comment lines of a field: what it means, then unit, allowed range and source."""
    return _comment(info.description or "") + _comment(facts(info), "  ")


def facts(info: Any) -> str:
    """A field's unit, allowed range and source: ``unit: persons; allowed: 500 to 50000; ...``."""
    extra = dict(info.json_schema_extra or {})
    out = []
    if extra.get("unit"):
        out.append(f"unit: {extra['unit']}")
    lo, hi = bounds(info)
    if lo is not None or hi is not None:
        low = "any" if lo is None else f"{lo:g}"
        high = "any" if hi is None else f"{hi:g}"
        out.append(f"allowed: {low} to {high}")
    out.append(f"source: {extra.get('source') or 'assumption'}")
    return "; ".join(out)


# ---- the file ------------------------------------------------------------------------------
def _setting(key: str, value: Any, active: bool) -> str:
    line = f"{toml_key(key)} = {toml_value(value)}"
    return line if active else f"#{line}"


def _section(cls: type[BaseModel], prefix: str, value: dict, base: dict, out: list[str]) -> None:
    """The leaves of ``cls`` (written under the current header), then its sub-tables."""
    fields = cls.model_fields.items()
    for name, info in fields:
        if _is_model(info.annotation) or _model_list(info.annotation):
            continue
        out.extend(describe(info))
        out.append(_setting(name, value[name], value[name] != base[name]))
        out.append("")
    for name, info in fields:
        if _model_list(info.annotation) and value[name] == [] != base[name]:
            out.extend([*describe(info), f"{toml_key(name)} = []", ""])  # no groups at all
    for name, info in fields:
        path = f"{prefix}{name}"
        item = _model_list(info.annotation)
        if item is not None and value[name]:
            _table_list(path, info, item, value[name], value[name] != base[name], out)
        elif _is_model(info.annotation):
            _table(path, info.annotation, value[name], base[name], out)


def _table(path: str, cls: type[BaseModel], value: dict, base: dict, out: list[str]) -> None:
    has_leaves = any(
        not (_is_model(i.annotation) or _model_list(i.annotation))
        for i in cls.model_fields.values()
    )
    if has_leaves:
        lever = path.removeprefix("levers.")
        title = f"Lever: {PURPOSE[lever]}" if lever in PURPOSE else ""
        out.extend(["", *_comment(title or (cls.__doc__ or "").strip()), f"[{path}]", ""])
    _section(cls, f"{path}.", value, base, out)


def _table_list(
    path: str, info: Any, item: type[BaseModel], groups: list, active: bool, out: list[str]
) -> None:
    """A list of tables (the volunteer groups): what each key means once, then the blocks.
    The blocks replace the base's list as a whole, so they are all active or all commented."""
    out.extend(["", *describe(info)])
    out.extend(
        _comment(
            f"Each [[{path}]] block is one; written blocks replace the base's list as a whole"
            + ("." if active else ": to change them, delete the leading # of every block's lines.")
        )
    )
    for key, field in item.model_fields.items():
        meaning = f"{field.description}; " if field.description else ""
        out.extend(_comment(f"{key}: {meaning}{facts(field)}", "  "))
    for group in groups:
        out.extend(["", f"[[{path}]]" if active else f"#[[{path}]]"])
        out.extend(_setting(k, v, active) for k, v in group.items())
    out.append("")


def scenario_file_text(
    params: Params,
    *,
    name: str,
    base: str | None,
    base_params: Params | None = None,
    description: str = "",
    written_by: str = "bygdesim new-scenario",
) -> str:
    """The commented scenario file for ``params`` as an override of preset ``base`` (whose
    parameters are ``base_params``) or, with ``base=None``, of the schema's defaults.

    Raises:
        ValueError: the text would not read back as ``params`` (a bug, never a user error).
    """
    base_params = base_params if base_params is not None else Params()
    value = params.model_dump(mode="json")
    base_dump = base_params.model_dump(mode="json")
    changed = sum(value[k] != base_dump[k] for k in value)
    start = f'the preset "{base}"' if base else "the schema's defaults (a generic municipality)"
    out = [
        *_comment(f"A bygdesim scenario file, written by {written_by}, starting from {start}."),
        "#",
        *_comment(
            "Every setting of the model is listed below with what it means, its unit, the range "
            "it must lie in and its source. A line #key = value (a # and no space) keeps the "
            "value the base has, shown: delete the # to change it. Lines without # are this "
            "file's changes from the base"
            + (" (none yet)." if not changed else ".")
            + " The file is checked when it is read; a wrong value is named with its range."
        ),
        "",
        f"name = {toml_value(name)}",
    ]
    if description:
        out.append(f"description = {toml_value(description)}")
    if base:
        out.append(f"base = {toml_value(base)}")
    out.append("")
    _section(Params, "", value, base_dump, out)
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).rstrip("\n") + "\n"
    if read_back(text, base_params) != params:
        raise ValueError("the scenario file does not read back as the settings it was made from")
    return text


def read_back(text: str, base_params: Params) -> Params:
    """The parameters ``text`` gives over a base with ``base_params``."""
    data = tomllib.loads(text)
    body = {k: v for k, v in data.items() if k not in META_KEYS}
    return validate(deep_merge(base_params.model_dump(mode="json"), body), "scenario file")
