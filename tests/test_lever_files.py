"""Lever and package files: one per lever, each switching its lever on with a stated cost."""

import re
import tomllib

import pytest

from analysis.experiments.lever_files import (
    apply_arm,
    levers_dir,
    load_lever,
    load_package,
    resolve_arms,
)
from model.params import LEVER_NAMES, Params
from model.scenario import ScenarioError, scenarios_dir


@pytest.mark.parametrize("name", LEVER_NAMES)
def test_every_lever_has_a_file_that_switches_it_on(name):
    arm = load_lever(name)
    assert arm.name == name
    assert arm.levers == (name,)
    # one line naming the report chapter or appendix it comes from
    assert "\n" not in arm.description
    assert re.search(r"\((ch\. |App\. )", arm.description), arm.description
    # switched on: differs from the schema default, which is off
    default = Params()
    on = apply_arm(default, arm)
    assert getattr(on.levers, name) != getattr(default.levers, name)
    # its cost parameters are stated explicitly in the file
    table = tomllib.loads((levers_dir() / f"{name}.toml").read_text())["levers"][name]
    assert any(k.startswith("cost") for k in table), f"{name}: no cost stated"


def test_the_first_settings_a_planner_would_try():
    on = Params()
    for name in LEVER_NAMES:
        on = apply_arm(on, load_lever(name))
    lv = on.levers
    assert (lv.municipal_jobs.positions, lv.municipal_jobs.duration_months) == (5, 18)
    assert lv.bridge_builders.count == 2
    assert lv.early_nav.entry_month == 1
    assert lv.employer_contact.persons == 1.0
    assert lv.teacher_at_workplace.days_per_week == 1
    assert lv.third_programme_year.participants_per_year == 8
    assert lv.shared_ip_and_meetings.shared_digital_ip is True
    assert lv.shared_ip_and_meetings.joint_meetings_per_month == 2
    assert lv.mentor_scheme.mentors_per_year == 10
    assert lv.mixed_activities.share == 1.0
    assert lv.establishment_group.enabled is True
    assert lv.driving_licence_support.licences_per_year == 5
    assert lv.start_loans.loans_per_year == 3
    assert lv.low_threshold_ladder.places == 8
    assert lv.integration_leader.enabled is True
    assert lv.children_activity_support.enabled is True


def test_package_combines_levers_and_applies_its_own_overrides():
    arm = load_package(scenarios_dir() / "packages" / "jobs_first.toml")
    assert arm.kind == "package" and arm.name == "jobs_first"
    assert set(arm.levers) == {"early_nav", "employer_contact", "municipal_jobs"}
    p = apply_arm(Params(), arm)
    assert p.levers.municipal_jobs.positions == 3  # the package's own override wins
    assert p.levers.municipal_jobs.duration_months == 18  # from the lever file
    assert p.levers.early_nav.entry_month == 1
    assert p.levers.employer_contact.persons == 1.0


def test_all_levers_and_packages_resolve_with_unique_names():
    pkg = str(scenarios_dir() / "packages" / "belonging.toml")
    arms = resolve_arms(all_levers=True, packages=[pkg])
    assert [a.name for a in arms] == [*LEVER_NAMES, "belonging"]
    with pytest.raises(ScenarioError, match="nothing to compare"):
        resolve_arms()
