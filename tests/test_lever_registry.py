"""The lever registry is the one home of each lever: every tool reads it, and it agrees with
the schema and with the lever files a planner edits."""

import pytest

from model.levers import LEVER_NAMES, LEVERS, REGISTRY, Lever, lever_class
from model.model import BygdeModel
from model.params import Levers, Params, field_info, get_path
from tests.builders import lever_file_table


def test_registry_lists_each_lever_once_in_schema_order():
    assert len(LEVERS) == 15
    assert LEVER_NAMES == tuple(Levers.model_fields)
    assert len(set(LEVER_NAMES)) == len(LEVER_NAMES)
    assert all(issubclass(cls, Lever) for cls in LEVERS)


def test_unknown_lever_name_is_a_clear_error():
    with pytest.raises(KeyError, match="unknown lever"):
        lever_class("free_money")


@pytest.mark.parametrize("name", LEVER_NAMES)
def test_every_dotted_path_of_the_lever_exists_in_the_schema(name):
    cls = REGISTRY[name]
    assert Levers.model_fields[name].annotation is cls.settings
    assert cls.purpose and "\n" not in cls.purpose
    paths = [cls.ladder.path(name)]
    paths += [f"levers.{name}.{key}" for key in cls.ladder.also]
    paths += [f"levers.{name}.{key}" for key in cls.sensitivity]
    for path in paths:
        info, extra = field_info(path)  # raises KeyError when the path is not in the schema
        assert extra.get("unit") is not None
    for key, (lo, hi) in cls.sensitivity.items():
        info, _ = field_info(f"levers.{name}.{key}")
        assert lo < hi


@pytest.mark.parametrize("name", LEVER_NAMES)
def test_every_lever_file_loads_and_the_first_rung_is_its_setting(name):
    table = lever_file_table(name)
    on = Params.model_validate({"levers": {name: table}})  # the file validates
    cls = REGISTRY[name]
    first = cls.ladder.rungs[0]
    assert get_path(on, cls.ladder.path(name)) == first, (
        f"{name}: the ladder starts at {first!r} but the lever file sets "
        f"{get_path(on, cls.ladder.path(name))!r}: target and compare would run different levers"
    )
    for key, value in cls.ladder.also.items():
        assert table.get(key) == value
    # the rungs climb: each changes the setting away from the default
    assert get_path(Params(), cls.ladder.path(name)) not in cls.ladder.rungs


def test_the_model_builds_every_lever_from_the_registry():
    model = BygdeModel(Params(years=1), rng=3, collect=False)
    assert [lever.name for lever in model.levers] == list(LEVER_NAMES)
    assert all(isinstance(model.levers.__getattr__(n), REGISTRY[n]) for n in LEVER_NAMES)
    model.run()
    assert set(model.costs.total) == set(LEVER_NAMES)
