"""Words the model names in English that the pages show: each lever's title and purpose (the
purposes are the lever registry's, :mod:`model.levers`). Listed here with ``N_`` so the
catalogue carries their Norwegian; shown through ``gettext``/``tr`` where they appear. A test
checks that every lever's title and purpose, as the model gives them, has a translation.
"""

from __future__ import annotations

from analysis.i18n import N_

LEVER_TITLES = (
    N_("Municipal jobs"),
    N_("Bridge builders"),
    N_("Early Nav"),
    N_("Employer contact"),
    N_("Teacher at workplace"),
    N_("Third programme year"),
    N_("Shared IP and meetings"),
    N_("Mentor scheme"),
    N_("Mixed activities"),
    N_("Establishment group"),
    N_("Driving licence support"),
    N_("Start loans"),
    N_("Low threshold ladder"),
    N_("Integration leader"),
    N_("Children activity support"),
)

LEVER_PURPOSES = (
    N_("Part-time municipal positions inside the programme, place-train style"),
    N_("Bicultural staff recruited from well-settled former refugees"),
    N_("Nav in the plan early: its measures during the programme, no gap after it"),
    N_("A dedicated contact person between the services and employers"),
    N_("Teaching at the work-practice placement"),
    N_("Alternating practice and school with a job specialist"),
    N_("Shared digital plan and joint meetings between the units"),
    N_("Volunteer mentors for newcomers"),
    N_("Volunteer activities designed for meeting locals"),
    N_("Neighbours and school prepared before a household arrives"),
    N_("Driving licences financed by the municipality"),
    N_("Start loans: a path to owning a home"),
    N_("A low-threshold group for those furthest from work"),
    N_("One leader across the four units"),
    N_("Fees for children's clubs paid"),
)

# the activities of the dashboard's charts (analysis.dashboard.charts.ACTIVITY_STYLE)
ACTIVITIES = (
    N_("waiting to start"),
    N_("class"),
    N_("low-threshold group"),
    N_("language practice"),
    N_("work practice"),
    N_("job with wage subsidy"),
    N_("job"),
    N_("municipal job"),
    N_("bridge-builder"),
    N_("education"),
    N_("Nav job-seeker"),
    N_("Nav work training"),
    N_("idle"),
)

YEARS = N_("Years")  # the run's length, the label of the schema's ``years`` field
