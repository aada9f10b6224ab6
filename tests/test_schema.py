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
