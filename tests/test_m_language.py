"""Mechanism tests for language learning (M5): one factor at a time."""

import pytest

from model.enums import Activity, Education
from tests.builders import adult, complete_programme, empty_model, settle, start_programme


def _gain(model, person):
    before = person.norwegian
    person.learn_language()
    return person.norwegian - before


def _learner(model, **kw):
    person = settle(model, adults=[adult(**kw)]).members[0]
    start_programme(person)
    return person


def test_m5_class_teaches_more_than_idleness():
    model = empty_model()
    learner = _learner(model)
    idle = settle(model).members[0]
    complete_programme(idle)
    idle.nav_known = False
    idle.set_activity(Activity.IDLE)
    assert _gain(model, learner) > 10 * _gain(model, idle)


def test_m5_education_and_literacy_scale_the_gain():
    model = empty_model()
    lp = model.p.language
    none = _learner(model, education=Education.NONE)
    tertiary = _learner(model, education=Education.TERTIARY)
    ratio = _gain(model, none) / _gain(model, tertiary)
    assert ratio == pytest.approx(lp.education_factor[0] / lp.education_factor[3])


def test_m5_older_adults_and_a_health_burden_learn_slower():
    model = empty_model()
    lp = model.p.language
    young = _learner(model, age=lp.age_slope_from)
    old = _learner(model, age=lp.age_slope_from + 25)
    assert _gain(model, old) == pytest.approx(_gain(model, young) * (1 - lp.age_slope * 25))
    healthy, burdened = _learner(model), _learner(model, health_burden=True)
    assert _gain(model, burdened) == pytest.approx(
        _gain(model, healthy) * model.p.language.health_factor
    )


def test_m5_a_teacher_at_the_workplace_raises_practice_gain():
    def practice_gain(days):
        model = empty_model(**{"levers.teacher_at_workplace.days_per_week": days})
        person = _learner(model)
        person.set_activity(Activity.WORK_PRACTICE, model.employer_list[0])
        person.placement_interaction = True
        return _gain(model, person)

    none, two = practice_gain(0.0), practice_gain(2.0)
    model = empty_model()
    lp, dialect = model.p.language, 1 - model.p.municipality.nynorsk_dialect_gap
    extra = lp.practice_gain * dialect * lp.teacher_day_gain * 2.0
    expected = extra * lp.education_factor[2] * (1 - lp.age_slope * (30 - lp.age_slope_from))
    assert two - none == pytest.approx(expected)


def test_m5_placements_without_interaction_teach_less():
    model = empty_model()
    a, b = _learner(model), _learner(model)
    for p, talk in ((a, True), (b, False)):
        p.set_activity(Activity.LANGUAGE_PRACTICE, model.employer_list[0])
        p.placement_interaction = talk
    assert _gain(model, a) > _gain(model, b)


def test_m5_nynorsk_and_dialect_slow_workplace_learning():
    def job_gain(gap):
        model = empty_model(**{"municipality.nynorsk_dialect_gap": gap})
        person = settle(model).members[0]
        complete_programme(person)
        person.set_activity(Activity.JOB, model.employer_list[0])
        return _gain(model, person)

    assert job_gain(0.4) == pytest.approx(job_gain(0.0) * 0.6)


def test_m5_bilingual_support_in_class_speeds_learning():
    model_with = empty_model(**{"services.bilingual_class_support": True})
    model_without = empty_model()
    gain_with = _gain(model_with, _learner(model_with))
    gain_without = _gain(model_without, _learner(model_without))
    bilingual = model_with.p.language.bilingual_gain
    assert gain_with == pytest.approx(gain_without * (1 + bilingual))


def test_m5_learning_slows_near_the_top():
    model = empty_model()
    beginner, advanced = _learner(model), _learner(model)
    advanced.norwegian = 3.5
    lp = model.p.language
    above = (3.5 - lp.slowdown_from) / (lp.ceiling - lp.slowdown_from)
    assert _gain(model, advanced) == pytest.approx(_gain(model, beginner) * (1 - above))
    # below B1 every level comes as fast as the first
    intermediate = _learner(model)
    intermediate.norwegian = lp.slowdown_from - 0.5
    assert _gain(model, intermediate) == pytest.approx(_gain(model, beginner))
