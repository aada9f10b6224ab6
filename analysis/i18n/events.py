"""The model's life-history sentences in the page's language.

The model writes each event of a person's life history as an English sentence
(``Refugee.log``); the model is not touched to translate them. Here every sentence the model
writes is recognised, by its exact words or by a pattern with the changing parts (a month, an
employer, a level) as named groups, and said again from a marked template with those parts
translated too. In English the model's sentence is shown as it is; a sentence no pattern knows
(a new one in the model) is shown in English, never lost. A test runs the model and checks that
every sentence of its life histories is recognised.

Employers are named by the model as ``agriculture employer 3``; :func:`employer_name` says
that in the page's language too. Volunteer groups keep the names their scenario gives them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from analysis.i18n import N_, get_language, gettext
from analysis.i18n.terms import ACTIVITIES, HOUSEHOLD_TYPES, SECTORS

# sentences the model writes word for word
FIXED = (
    N_("children join a sports club; parents meet other parents"),
    N_("buys a home"),
    N_("buys a home with a start loan"),
    N_("starts upper-secondary qualification via the career centre"),
    N_("starts the introduction programme"),
    N_("third programme year: alternating practice and school with a job specialist"),
    N_("first meeting with Nav after the programme"),
    N_("a work-training place planned with Nav starts"),
    N_("Nav finds a work-training place"),
    N_("employed part-time as a bicultural bridge-builder"),
    N_("gets a bicultural bridge-builder"),
    N_("gets a driving licence financed by the municipality"),
    N_("gets a volunteer mentor"),
    N_("joins the low-threshold group (language and activity)"),
)

# the parts the patterns below put into their templates
WORDS = {
    # where a household settles
    "the centre": N_("the centre"),
    "a hamlet": N_("a hamlet"),
    # how the programme ended (Refugee.exit_outcome)
    "work": N_("work"),
    "education": N_("education"),
    "nav": N_("Nav"),
    "nothing": N_("nothing"),
    # why someone fell back to their default activity
    "seasonal job ended": N_("seasonal job ended"),
    "lost the job": N_("lost the job"),
    "wage subsidy ended and the job with it": N_("wage subsidy ended and the job with it"),
    "lost the subsidised job": N_("lost the subsidised job"),
    "the Nav work-training place ended": N_("the Nav work-training place ended"),
    "completed upper-secondary qualification": N_("completed upper-secondary qualification"),
    "municipal position ended; has a reference": N_("municipal position ended; has a reference"),
    # how someone found paid work (model.agents.refugee.work.HIRE_WORDS)
    "hired on an open application": N_("hired on an open application"),
    "hired after practice": N_("hired after practice"),
    "hired through a tie": N_("hired through a tie"),
    "the municipal position led to a job": N_("the municipal position led to a job"),
    "hired through a Nav measure": N_("hired through a Nav measure"),
    "commutes": N_("commutes"),
    "a neighbouring municipality": N_("a neighbouring municipality"),
    "the commuting job": N_("the commuting job"),
    # how a placement was chosen
    "matched to the person's goal": N_("matched to the person's goal"),
    "placed wherever there was room": N_("placed wherever there was room"),
    # the service units (a caseworker leaves)
    "refugee service": N_("refugee service"),
    "learning centre": N_("learning centre"),
    "career centre": N_("career centre"),
    # municipal positions
    "a task matched to the goal": N_("a task matched to the goal"),
    "any task": N_("any task"),
}


def _word(text: str, lang: str | None) -> str:
    """A part of a sentence in ``lang``: an activity, household type, sector employer or one
    of :data:`WORDS`; unknown parts (a name) as they are."""
    for table in (ACTIVITIES, HOUSEHOLD_TYPES):
        for key, words in table.items():
            if text == key.value.replace("_", " "):
                return gettext(words, lang)
    if text in WORDS:
        return gettext(WORDS[text], lang)
    return employer_name(text, lang)


def _number(text: str, lang: str | None) -> str:
    """``0.45`` -> ``0,45`` in bokmål; ``40%`` -> ``40 %``."""
    if get_language(lang) != "nb":
        return text
    return text.replace(".", ",").replace("%", "\xa0%")


_EMPLOYER = re.compile(r"(?P<sector>[a-z ]+) employer (?P<n>\d+)")


def employer_name(name: str, lang: str | None = None) -> str:
    """``agriculture employer 3`` -> ``arbeidsgiver 3 (jordbruk)``; other names unchanged."""
    m = _EMPLOYER.fullmatch(name)
    if m is None or get_language(lang) == "en":
        return name
    sector = next((w for s, w in SECTORS.items() if s.value.replace("_", " ") == m["sector"]), None)
    if sector is None:
        return name
    return gettext(N_("employer {n} ({sector})"), lang).format(
        n=m["n"], sector=gettext(sector, lang)
    )


# a change in local ties: (gained or lost, just one)
TIE_CHANGES = {
    ("gained", True): N_("gained a local tie; now {now}"),
    ("gained", False): N_("gained {n} local ties; now {now}"),
    ("lost", True): N_("lost a local tie; now {now}"),
    ("lost", False): N_("lost {n} local ties; now {now}"),
}

Rule = tuple[re.Pattern[str], Callable[[re.Match[str], str | None], str]]


def _template(message: str, numbers: tuple[str, ...] = ()) -> Callable:
    """A rule's output: ``message`` translated, its fields filled from the match's groups
    (numbers in the language's style, other parts translated as words)."""

    def say(m: re.Match[str], lang: str | None) -> str:
        parts = {
            k: (_number(v, lang) if k in numbers else _word(v, lang))
            for k, v in m.groupdict().items()
            if v is not None
        }
        return gettext(message, lang).format(**parts)

    return say


def _optional(head: Callable, tails: dict[str, str]) -> Callable[[re.Match[str], str | None], str]:
    """``head`` followed by each optional group present, said by its own marked message."""

    def say(m: re.Match[str], lang: str | None) -> str:
        out = head(m, lang)
        for group, message in tails.items():
            if m[group] is not None:
                out += gettext(message, lang).format(**{group: _number(m[group], lang)})
        return out

    return say


RULES: list[Rule] = [
    (
        re.compile(r"settles in (?P<where>.+) as part of a (?P<kind>.+) household"),
        _template(N_("settles in {where} as part of a household: {kind}")),
    ),
    (re.compile(r"Norwegian reaches (?P<level>\S+)"), _template(N_("Norwegian reaches {level}"))),
    (
        re.compile(r"Nav joins the individual plan in programme month (?P<month>\d+)"),
        _template(N_("Nav joins the individual plan in programme month {month}"), ("month",)),
    ),
    (
        re.compile(
            r"IP meeting, quality (?P<before>[\d.]+) -> (?P<after>[\d.]+)"
            r"(?P<nav>; Nav joins the plan)?"
        ),
        _optional(
            _template(N_("IP meeting, quality {before} -> {after}"), ("before", "after", "nav")),
            {"nav": N_("; Nav joins the plan")},
        ),
    ),
    (
        re.compile(
            r"completes the programme: (?P<outcome>\w+)"
            r"(?:; (?P<n>\d+) months before Nav meets them)?"
        ),
        _optional(
            _template(N_("completes the programme: {outcome}"), ("n",)),
            {"n": N_("; {n} months before Nav meets them")},
        ),
    ),
    (
        re.compile(r"kept on at (?P<where>.+) after the wage subsidy"),
        _template(N_("kept on at {where} after the wage subsidy")),
    ),
    (
        re.compile(
            r"(?P<how>[^:]+): job at (?P<where>.+?)"
            r"(?P<subsidy> with a Nav wage subsidy)?(?P<seasonal> \(seasonal\))?"
        ),
        _optional(
            _template(N_("{how}: job at {where}"), ("subsidy", "seasonal")),
            {"subsidy": N_(" with a Nav wage subsidy"), "seasonal": N_(" (seasonal)")},
        ),
    ),
    (
        re.compile(
            r"(?P<kind>language practice|work practice) at (?P<employer>.+) "
            r"\((?P<how>[^;]+)(?P<parked>; feels parked, motivation falls)?\)"
        ),
        lambda m, lang: gettext(N_("{kind} at {employer} ({how})"), lang).format(
            kind=_word(m["kind"], lang),
            employer=_word(m["employer"], lang),
            how=_word(m["how"], lang)
            + (gettext(N_("; feels parked, motivation falls"), lang) if m["parked"] else ""),
        ),
    ),
    (
        re.compile(r"placement at (?P<employer>.+) ends well(?P<none> \(no follow-up.*\))?"),
        _optional(
            _template(N_("placement at {employer} ends well"), ("none",)),
            {"none": N_(" (no follow-up from the services)")},
        ),
    ),
    (
        re.compile(
            r"placement at (?P<employer>.+) ends without result(?P<none> \(no follow-up.*\))?"
        ),
        _optional(
            _template(N_("placement at {employer} ends without result"), ("none",)),
            {"none": N_(" (no follow-up from the services)")},
        ),
    ),
    (
        re.compile(r"a caseworker at the (?P<unit>.+) leaves; IP quality falls to (?P<q>[\d.]+)"),
        _template(N_("a caseworker at the {unit} leaves; IP quality falls to {q}"), ("q",)),
    ),
    (
        re.compile(r"neighbours prepared before arrival \((?P<k>\d+) acquaintances\)"),
        _template(N_("neighbours prepared before arrival ({k} acquaintances)"), ("k",)),
    ),
    (
        re.compile(
            r"municipal position for (?P<months>\d+) months inside the programme, "
            r"(?P<share>\d+%) of the week \((?P<task>.+)\)"
        ),
        _template(
            N_(
                "municipal position for {months} months inside the programme, {share} of the week "
                "({task})"
            ),
            ("months", "share"),
        ),
    ),
    (
        re.compile(r"(?P<reason>.+); now (?P<activity>[a-z -]+)"),
        _template(N_("{reason}; now {activity}")),
    ),
    (
        re.compile(r"(?P<dir>gained|lost) (?P<n>\d+) local ties?; now (?P<now>\d+)"),
        lambda m, lang: gettext(TIE_CHANGES[m["dir"], m["n"] == "1"], lang).format(
            n=m["n"], now=m["now"]
        ),
    ),
    (
        re.compile(r"joins (?P<group>.+?)(?P<only> \(immigrants only\))?"),
        _optional(
            lambda m, lang: gettext(N_("joins {group}"), lang).format(group=m["group"]),
            {"only": N_(" (immigrants only)")},
        ),
    ),
]


def known(text: str) -> bool:
    """The model's sentence is one this module can say in every language."""
    return text in FIXED or any(pattern.fullmatch(text) for pattern, _ in RULES)


def event_text(text: str, lang: str | None = None) -> str:
    """A life-history sentence of the model in ``lang`` (English: the model's own words)."""
    if get_language(lang) == "en":
        return text
    if text in FIXED:
        return gettext(text, lang)
    for pattern, say in RULES:
        m = pattern.fullmatch(text)
        if m is not None:
            return say(m, lang)
    return text
