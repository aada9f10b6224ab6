"""Mechanism tests for who arrives and who was here before: men's and women's schooling and
work experience, the parent at home with small children, and the earlier-settled cohorts
(issue 9 items 3-4)."""

import numpy as np
import pytest

from model.enums import Activity, Education, HouseholdType, Sex
from model.population import plan_arrivals
from model.settled import settle_earlier_cohorts
from tests.builders import adult, complete_programme, empty_model, settle, small_params


def _adults(**flat):
    params = small_params(**{"arrivals.persons_per_year": [400] * 5, **flat})
    plans = plan_arrivals(params, np.random.default_rng(11))
    return [a for h in plans for a in h.adults], plans, params


def test_arrivals_carry_the_schooling_and_experience_of_their_sex():
    adults, _, params = _adults()
    a = params.arrivals
    for sex, none, exp in (
        (Sex.MAN, a.education_none, a.experience_share),
        (Sex.WOMAN, a.women_education_none, a.women_experience_share),
    ):
        group = [x for x in adults if x.sex is sex]
        assert len(group) > 300
        assert np.mean([x.education is Education.NONE for x in group]) == pytest.approx(
            none, abs=0.04
        )
        assert np.mean([x.experience is not None for x in group]) == pytest.approx(exp, abs=0.06)


def test_the_mother_mostly_stays_home_with_small_children():
    _, plans, params = _adults()
    couples = [h for h in plans if h.htype is HouseholdType.FAMILY]
    mothers = [h.adults[h.carer].sex is Sex.WOMAN for h in couples]
    assert np.mean(mothers) == pytest.approx(params.arrivals.carer_woman_share, abs=0.07)
    assert all(h.carer is None for h in plans if not h.htype.has_children)


def test_a_parent_at_home_with_a_small_child_neither_seeks_work_nor_attends_full_class():
    model = empty_model()
    hh = settle(model, HouseholdType.FAMILY, children=(0.5,))
    father, mother = hh.members
    assert hh.carer is mother
    for p in (father, mother):
        complete_programme(p)
    assert mother.caring and not father.caring
    assert father.job_seeker and not mother.job_seeker
    # class gain halves for the carer (social.carer_class_share) against the same adult
    mother.set_activity(Activity.CLASS)
    before = mother.norwegian
    mother.learn_language()
    caring_gain = mother.norwegian - before
    hh.children = [3.0]  # in kindergarten now, and the first months are past
    model.month += model.p.social.kindergarten_wait_months
    assert not mother.caring and mother.job_seeker
    mother.norwegian = before
    mother.learn_language()
    free_gain = mother.norwegian - before
    assert caring_gain == pytest.approx(free_gain * model.p.social.carer_class_share, rel=0.02)


def test_a_child_under_school_age_holds_the_carer_back_until_the_kindergarten_place():
    model = empty_model()
    hh = settle(model, HouseholdType.SINGLE_PARENT, children=(3.0,))
    parent = hh.members[0]
    assert parent.caring
    model.month += model.p.social.kindergarten_wait_months
    assert not parent.caring


def test_earlier_cohorts_are_thinned_by_the_observed_retention():
    def settled(**flat):
        model = empty_model(**flat)
        return model.settled

    everyone = settled(
        **{
            "municipality.settled_per_year_before": [50, 50],
            "municipality.settled_retention_5y": 1.0,
            "municipality.settled_adult_share": 1.0,
        }
    )
    assert len(everyone) == 100
    assert sorted({s.years_here for s in everyone}) == [1, 2]
    thinned = settled(
        **{
            "municipality.settled_per_year_before": [400] * 10,
            "municipality.settled_retention_5y": 0.5,
            "municipality.settled_adult_share": 1.0,
        }
    )
    expected = sum(400 * 0.5 ** (y / 5) for y in range(1, 11))
    assert len(thinned) == pytest.approx(expected, rel=0.05)
    assert settled(**{"municipality.settled_per_year_before": []}) == []


def test_earlier_settled_refugees_are_co_ethnic_contacts_of_the_newcomers():
    model = empty_model(
        **{
            "municipality.settled_per_year_before": [60],
            "municipality.settled_retention_5y": 1.0,
            "social.co_ethnic_contacts": 6.0,
        }
    )
    settled_nodes = set(model.settled_nodes)
    person = settle(model, adults=[adult()]).members[0]
    for _ in range(6):
        person.socialise()
        model.month += 1
    contacts = set(model.network.co_ethnic_tie_ids(person.node))
    assert contacts and contacts <= settled_nodes  # the only co-ethnic peers are the settled


def test_settled_cohorts_come_from_their_own_stream():
    model = empty_model(**{"municipality.settled_per_year_before": [30, 30]})
    again = settle_earlier_cohorts(model)  # the same stream key gives the same people
    assert [(s.years_here, s.norwegian, s.employed) for s in again] == [
        (s.years_here, s.norwegian, s.employed) for s in model.settled
    ]
