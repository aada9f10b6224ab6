"""The parameter schema: every field documented, bounded and sourced; levers complete."""

import pytest

from model.params import LEVER_NAMES, Params, bounds, field_info, leaf_paths


def test_every_numeric_field_has_bounds_unit_and_source():
    for path in leaf_paths():
        info, extra = field_info(path)
        assert "source" in extra and extra["source"], path
        if info.annotation in (int, float):
            lo, hi = bounds(info)
            assert lo is not None and hi is not None, path
            assert extra.get("unit"), path
            assert lo <= info.default <= hi, path


def test_all_fifteen_levers_exist_with_a_cost():
    assert len(LEVER_NAMES) == 15
    spec = {
        "municipal_jobs",
        "bridge_builders",
        "early_nav",
        "employer_contact",
        "teacher_at_workplace",
        "third_programme_year",
        "shared_ip_and_meetings",
        "mentor_scheme",
        "mixed_activities",
        "establishment_group",
        "driving_licence_support",
        "start_loans",
        "low_threshold_ladder",
        "integration_leader",
        "children_activity_support",
    }
    assert set(LEVER_NAMES) == spec
    for name in LEVER_NAMES:
        fields = [p for p in leaf_paths() if p.startswith(f"levers.{name}.")]
        assert any("cost" in p for p in fields), name
        for p in fields:
            if "cost" in p:
                assert "NOK" in field_info(p)[1]["unit"], p


@pytest.mark.parametrize(
    "path,lo,hi",
    [
        ("levers.municipal_jobs.positions", 0, 50),
        ("levers.bridge_builders.count", 0, 20),
        ("levers.early_nav.entry_month", 1, 24),
    ],
)
def test_the_named_levers_have_their_paths_and_bounds(path, lo, hi):
    info, _ = field_info(path)
    assert info.annotation is int
    assert bounds(info) == (lo, hi)
    assert field_info("levers.municipal_jobs.duration_months")[0].annotation is int


def test_unknown_keys_are_rejected():
    with pytest.raises(ValueError, match="Extra inputs"):
        Params.model_validate({"levers": {"bridge_builders": {"cuont": 1}}})


def test_defaults_validate_and_levers_are_off():
    p = Params()
    assert p.levers.municipal_jobs.positions == 0
    assert p.levers.bridge_builders.count == 0


BAD_NUMBERS = [float("nan"), float("inf"), float("-inf")]


def _bad_copies(value, bad):
    """Copies of a default value with one number made ``bad``: the scalar itself, each value of
    a map, each entry of a list (numbers inside a list of tables, field by field)."""
    if isinstance(value, bool) or isinstance(value, str):
        return []
    if isinstance(value, (int, float)):
        return [("", bad)]
    if isinstance(value, dict):
        out = []
        for key, sub in value.items():
            for where, replaced in _bad_copies(sub, bad):
                out.append((f".{key}{where}", {**value, key: replaced}))
        return out
    if isinstance(value, list):
        out = []
        for i, sub in enumerate(value):
            for where, replaced in _bad_copies(sub, bad):
                out.append((f".{i}{where}", [*value[:i], replaced, *value[i + 1 :]]))
        return out
    return []


@pytest.mark.parametrize("bad", BAD_NUMBERS, ids=["nan", "inf", "-inf"])
def test_no_number_anywhere_in_the_schema_may_be_nan_or_infinite(bad):
    from pydantic import ValidationError

    from model.params import get_path, set_path

    default = Params().model_dump(mode="json")
    Params.model_validate(default)  # the untouched defaults pass: the failures below are the value
    checked = set()
    for path in leaf_paths():
        for where, replaced in _bad_copies(get_path(default, path), bad):
            data = Params().model_dump(mode="json")
            set_path(data, path, replaced)
            with pytest.raises(ValidationError) as exc:
                Params.model_validate(data)
            errors = exc.value.errors()
            assert any(
                e["type"] == "finite_number" and ".".join(map(str, e["loc"])) == path + where
                for e in errors
            ), (path + where, errors)
            checked.add(path + where)
    # scalars, both sector maps, the lists and the volunteer groups' numbers were all tried
    assert {"years", "labour.hire_open", "labour.sector_shares.retail"} <= checked
    assert "labour.turnover_by_sector.tourism" in checked
    assert any(c.startswith("services.unit_hours_share.") for c in checked)
    assert {"arrivals.persons_per_year.0", "language.education_factor.0"} <= checked
    assert "volunteer_groups.0.meetings_per_month" in checked
    assert len(checked) > 300


def test_assigning_nan_to_a_field_is_refused():
    from pydantic import ValidationError

    p = Params()
    with pytest.raises(ValidationError, match="finite number"):
        p.labour.hire_open = float("nan")
    with pytest.raises(ValidationError, match="finite number"):
        p.levers.bridge_builders.cost_per_month = float("inf")
    assert p.labour.hire_open == Params().labour.hire_open


@pytest.mark.parametrize(
    "setting, shown",
    [
        ("labour.sector_shares={retail=nan}", "labour.sector_shares.retail = nan"),
        ("labour.sector_shares={retail=inf}", "labour.sector_shares.retail = inf"),
        ("labour.turnover_by_sector={tourism=-inf}", "labour.turnover_by_sector.tourism = -inf"),
        ("language.education_factor=[1.0, nan, 1.0, 1.0]", "language.education_factor.1 = nan"),
    ],
)
def test_a_nan_or_infinite_override_is_one_line_naming_the_value(setting, shown):
    from model.scenario import ScenarioError, load_scenario, parse_set

    with pytest.raises(ScenarioError) as exc:
        load_scenario("sel", parse_set([setting]))
    assert str(exc.value) == f"--set: {shown}: Input should be a finite number"
