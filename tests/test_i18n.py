"""Norwegian bokmål and English: the catalogue covers every marked message (and nothing
stale), numbers and money follow Norwegian conventions, and ``--lang`` reaches the pages the
command line writes. The dashboard's live switch is tested in test_dashboard_browser.py."""

from __future__ import annotations

import json
import re
import string

import pytest

from analysis.i18n import (
    LANGUAGES,
    UnknownLanguage,
    catalogue_path,
    format_decimal,
    format_money,
    format_number,
    format_percent,
    get_language,
    gettext,
    language,
    set_language,
)
from analysis.i18n.catalogue import extract_messages, load_catalogue
from tests.experiments import call

NBSP = "\xa0"


# ---- the catalogue -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def marked() -> dict[str, list[str]]:
    return extract_messages()


@pytest.fixture(scope="module")
def nb():
    return load_catalogue("nb")


def test_every_marked_message_has_a_norwegian_translation(marked, nb):
    assert len(marked) > 200  # the reports' and the dashboard's words, found by the extractor
    missing = [m for m in marked if m not in nb or not nb[m].string]
    assert not missing, f"no bokmål for {missing[:5]} (python -m analysis.i18n.catalogue)"


def test_the_catalogue_holds_no_stale_or_fuzzy_entries(marked, nb):
    entries = [m for m in nb if m.id]
    stale = [m.id for m in entries if m.id not in marked]
    assert not stale, f"no code marks {stale[:5]}"
    assert not [m.id for m in entries if m.fuzzy]


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_translations_keep_every_placeholder(nb):
    for m in nb:
        if m.id:
            assert _fields(m.string) == _fields(m.id), m.id


def test_no_compiled_catalogue_is_kept_beside_the_po():
    folder = catalogue_path("nb").parent
    assert catalogue_path("nb").is_file()
    assert not list(folder.parent.parent.rglob("*.mo"))


def test_the_programme_s_own_terms_are_used(nb):
    words = " ".join(m.string for m in nb if m.id)
    for term in ("introduksjonsprogram", "individuell", "Nav", "bosetting", "brobygger"):
        assert term in words, term
    assert gettext("Early Nav", "nb") == "Tidlig Nav-involvering"
    assert gettext("Bridge builders", "nb") == "Brobyggere"


def test_every_lever_title_and_purpose_of_the_model_has_bokmal():
    from analysis.dashboard.schema_controls import LEVER_PURPOSE, lever_title

    for lever, purpose in LEVER_PURPOSE.items():
        assert gettext(lever_title(lever), "nb") != lever_title(lever), lever
        assert gettext(purpose, "nb") != purpose, lever


def test_english_is_the_identity_and_the_empty_message_stays_empty():
    assert gettext("Summary", "en") == "Summary"
    assert gettext("Summary", "nb") == "Sammendrag"
    assert gettext("", "nb") == ""


# ---- choosing the language -----------------------------------------------------------------
def test_language_from_argument_context_and_environment(monkeypatch):
    monkeypatch.delenv("BYGDESIM_LANG", raising=False)
    assert get_language() == "en"
    with language("nb"):
        assert get_language() == "nb" and gettext("Summary") == "Sammendrag"
        assert get_language("en") == "en"
    assert get_language() == "en"
    monkeypatch.setenv("BYGDESIM_LANG", "nb")
    assert get_language() == "nb"
    assert sorted(LANGUAGES) == ["en", "nb"]


def test_set_language_holds_in_its_context():
    import contextvars

    def inside() -> str:
        set_language("NB ")
        return get_language()

    assert contextvars.copy_context().run(inside) == "nb"


def test_an_unknown_language_is_refused_in_one_line(monkeypatch):
    with pytest.raises(UnknownLanguage, match=r"^--lang xx: not a language of bygdesim; use "):
        get_language("xx")
    monkeypatch.setenv("BYGDESIM_LANG", "sv")
    with pytest.raises(UnknownLanguage, match=r"^BYGDESIM_LANG=sv: "):
        get_language()


# ---- numbers -------------------------------------------------------------------------------
def test_norwegian_formats():
    assert format_money(1234567, "nb") == f"1{NBSP}234{NBSP}567{NBSP}kr"
    assert format_money(1234567.4, "en") == f"NOK{NBSP}1,234,567"
    assert format_percent(0.44, lang="nb") == f"44{NBSP}%"
    assert format_percent(0.4437, 1, "nb") == f"44,4{NBSP}%"
    assert format_percent(0.4437, 1, "en") == "44.4 %"
    assert format_decimal(1234.56, 2, "nb") == f"1{NBSP}234,56"
    assert format_decimal(1234.56, 1, "en") == "1,234.6"
    assert format_number(-1234567, "nb", signed=True) == f"-1{NBSP}234{NBSP}567"
    assert format_decimal(0.26, 1, "nb", signed=True) == "+0,3"
    assert format_number(float("nan"), "nb") == "i.t." and format_money(None, "en") == "n/a"


def test_report_cells_follow_the_language():
    from analysis.reports.html import fmt, fmt_ci

    assert fmt("retention_5y", 0.6) == "60.0 %"  # English as before
    with language("nb"):
        assert fmt("retention_5y", 0.6) == f"60,0{NBSP}%"
        assert fmt("retention_5y", -0.031, True) == "-3,1 %-poeng"
        assert fmt("lever_cost_nok_per_year", 576583.2) == f"576{NBSP}583"
        assert fmt_ci("retention_5y", [0.1, 0.2]) == f"10,0{NBSP}% til 20,0{NBSP}%"


# ---- the command line ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "command", [["compare", "vaga", "--out"], ["validate", "--out"], ["dashboard", "--port", "1"]]
)
def test_an_unknown_lang_is_one_line_and_exit_2(capsys, tmp_path, command):
    if command[-1] == "--out":
        command = [*command, str(tmp_path / "o")]
    code, out, err = call(capsys, *command, "--lang", "xx")
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("bygdesim: error: --lang xx: "), err
    assert not (tmp_path / "o").exists()


def test_a_bad_bygdesim_lang_is_one_line_and_exit_2(capsys, monkeypatch):
    monkeypatch.setenv("BYGDESIM_LANG", "de")
    code, out, err = call(capsys, "validate", "--out", "")
    assert code == 2 and err == "bygdesim: error: BYGDESIM_LANG=de: not a language of " + (
        "bygdesim; use en (English), nb (Norsk bokmål)\n"
    )


def test_compare_lang_nb_writes_a_norwegian_report(capsys, tmp_path):
    out = tmp_path / "out"
    code, stdout, err = call(
        capsys, "compare", "vaga", "--set", "years=6", "--levers", "bridge_builders",
        "-r", "2", "--out", out, "--lang", "nb",
    )  # fmt: skip
    assert code == 0, err
    html = (out / "report.html").read_text(encoding="utf-8")
    assert '<html lang="nb">' in html
    for heading in ("Sammenligning av tiltak: vaga", "Sammendrag", "Slik virket hvert tiltak"):
        assert f">{heading}<" in html, heading
    assert "nullalternativet" in html and "Baseline" not in html
    # a share with a decimal comma and a non-breaking space before %, effects in %-poeng
    assert re.search(rf"<b>\d+,\d{NBSP}%</b>", html)
    assert re.search(r"[+-]\d+,\d %-poeng", html)
    # the terminal table speaks bokmål too
    assert "parvise replikasjoner" in stdout and "nullalternativ" in stdout
    stored = json.loads((out / "compare.json").read_text())
    assert "retention_5y" in stored["baseline"]  # the data keep their keys


def test_validate_lang_nb_writes_a_norwegian_page(tmp_path, monkeypatch, capsys):
    """validate for Vågå alone on a band every share lies in, with the qualitative checks held
    (as in test_calibration): only the page's words are under test."""
    from analysis.experiments import validation
    from analysis.experiments.targets import load_targets

    path = tmp_path / "targets.toml"
    path.write_text(
        '[[target]]\nid = "certain"\npreset = "vaga"\noutcome = "retention_1y"\n'
        'value = 0.5\nlow = 0.0\nhigh = 1.0\nsource = "hand-made"\n'
    )
    held = {"employment": 0.123, "local ties": 0.05}
    checks = [{"name": "held", "pass": True, "detail": "held by the test", "values": held}]
    monkeypatch.setattr(validation, "PRESETS", ("vaga",))
    monkeypatch.setattr(validation, "qualitative_checks", lambda details, outcomes: checks)
    monkeypatch.setattr(validation, "load_targets", lambda: load_targets(path))
    out = tmp_path / "page"
    code, stdout, err = call(
        capsys, "validate", "-r", "2", "--out", out, "--workers", "2", "--lang", "nb"
    )
    assert code == 0, err
    html = (out / "validation.html").read_text(encoding="utf-8")
    assert '<html lang="nb">' in html
    assert "<h1>bygdesim validering</h1>" in html
    assert "<h2>Kvalitative funn i rapporten</h2>" in html
    assert "<th>publisert</th>" in html and "<td>bestått</td>" in html
    assert f"<td>50{NBSP}%</td>" in html  # the published value, Norwegian style
    assert re.search(rf"<td>\d+,\d{NBSP}%</td>", html)  # the model's share, decimal comma
    assert "Valideringsside:" in stdout and "bestått" in stdout


# ---- the model's words on the dashboard ----------------------------------------------------
def _has_bokmal(nb, words: str) -> bool:
    return words in nb and bool(nb[words].string)


def test_every_value_of_the_model_s_enumerations_has_a_norwegian_display_name(nb):
    from analysis.i18n.terms import (
        ACTIVITIES,
        EVENT_KINDS,
        HOUSEHOLD_TYPES,
        MOVE_FACTORS,
        MOVE_REASONS,
        SECTORS,
    )
    from model.enums import Activity, EventKind, HouseholdType, MoveReason, Sector

    same_in_both = {"Nav"}  # a name, the same in both languages
    for enum, table in (
        (Sector, SECTORS),
        (MoveReason, MOVE_REASONS),
        (HouseholdType, HOUSEHOLD_TYPES),
        (Activity, ACTIVITIES),
        (EventKind, EVENT_KINDS),
    ):
        for value in enum:
            words = table[value]
            assert _has_bokmal(nb, words), (enum.__name__, value)
            assert gettext(words, "nb") != words or words in same_in_both, (enum.__name__, value)
    for reason in MoveReason:
        assert _has_bokmal(nb, MOVE_FACTORS[reason]), reason
    # the programme's own sector names
    assert gettext(SECTORS[Sector.AGRICULTURE], "nb") == "jordbruk"
    assert gettext(SECTORS[Sector.OTHER_PUBLIC], "nb") == "annen offentlig forvaltning"
    assert gettext(SECTORS[Sector.CONSTRUCTION], "nb") == "bygg og anlegg"


def test_the_move_words_are_still_the_model_s_own():
    """The English of the move factors and destinations is the model's: if the model rewords
    one, this table (and its bokmål) must follow."""
    from analysis.i18n.terms import DESTINATIONS, MOVE_FACTORS
    from model.agents.household import FACTOR_WORDS
    from model.enums import MoveReason

    assert {str(k): v for k, v in MOVE_FACTORS.items()} == {
        str(k): v for k, v in FACTOR_WORDS.items()
    }
    assert {r: DESTINATIONS[r] for r in MoveReason} == {r: r.destination for r in MoveReason}


def test_every_field_the_dashboard_shows_has_bokmal_label_help_and_unit(nb):
    """The years field and every lever's settings: the table of schema words says what the
    schema says, field by field, and each label, help text and unit has a translation."""
    from analysis.dashboard.schema_controls import lever_controls, years_control
    from analysis.i18n.schema_terms import FIELDS, UNITS

    shown = [years_control(), *(c for cs in lever_controls().values() for c in cs)]
    assert set(FIELDS) == {c.path for c in shown}
    for c in shown:
        assert FIELDS[c.path] == (c.label, c.help), c.path
        assert _has_bokmal(nb, c.label) and c.label_in("nb") != c.label or c.label == "Nav"
        if c.help:
            assert _has_bokmal(nb, c.help) and c.help_in("nb") != c.help, c.path
        if c.unit:
            assert c.unit in UNITS and _has_bokmal(nb, c.unit), c.path
    years = years_control()
    lo, hi = int(years.lo), int(years.hi)
    assert years.range_in("en") == f"{lo} to {hi} years"
    assert years.range_in("nb") == f"{lo} til {hi} år"
    assert years.label_in("nb") == "År"
    fte = next(c for c in lever_controls()["municipal_jobs"] if c.path.endswith(".fte"))
    assert fte.range_in("nb").startswith("0,1 til 1")


def test_page_input_problems_speak_the_page_s_language():
    from analysis.dashboard.schema_controls import (
        InputProblem,
        lever_controls,
        parse_seed,
        parse_value,
    )

    count = next(c for c in lever_controls()["bridge_builders"] if c.path.endswith(".count"))
    with pytest.raises(
        InputProblem, match=r"^Antall: 'to' er ikke et tall \(0 til \d+ personer\)$"
    ):
        parse_value(count, "to", "nb")
    with pytest.raises(InputProblem, match=r"^Count: 'two' is not a number \(0 to \d+ persons\)$"):
        parse_value(count, "two", "en")
    with pytest.raises(InputProblem, match=r"^Seed: 'abc' er ikke et heltall"):
        parse_seed("abc", "nb")
    assert parse_value(count, "2", "nb") == 2


def test_every_life_history_sentence_of_the_model_is_said_in_bokmal():
    """A short run with most levers on: every sentence the model writes in a life history is
    one the translator recognises; English shows the model's own words."""
    from analysis.dashboard.live_run import LiveRun
    from analysis.dashboard.schema_controls import apply_settings
    from analysis.i18n.events import event_text, known
    from model.scenario import load_scenario

    on = {
        "years": 4,
        "levers.bridge_builders.count": 2,
        "levers.municipal_jobs.positions": 3,
        "levers.mentor_scheme.mentors_per_year": 5,
        "levers.establishment_group.enabled": True,
        "levers.driving_licence_support.licences_per_year": 5,
        "levers.low_threshold_ladder.places": 5,
    }
    run = LiveRun("sel", apply_settings(load_scenario("sel").params, on), 1)
    while run.step():
        pass
    texts = {e.text for p in run.model.people for e in p.history.events}
    texts = {t for t in texts if not t.startswith("moves away: ")}  # said by the timeline
    assert len(texts) > 50
    assert not [t for t in texts if not known(t)]
    for t in texts:
        assert event_text(t, "en") == t
    said = {t: event_text(t, "nb") for t in texts}
    assert sum(said[t] != t for t in texts) == len(texts)
    assert "starts the introduction programme" not in said.values()
    assert event_text("starts the introduction programme", "nb") == (
        "begynner i introduksjonsprogrammet"
    )
    assert event_text("placement at agriculture employer 3 ends well", "nb") == (
        "praksisplassen hos arbeidsgiver 3 (jordbruk) ender godt"
    )


def test_every_pathway_counter_of_the_comparison_tab_has_a_bokmal_name():
    from analysis.dashboard.pathway_table import pathway_words
    from analysis.reports.pathways import pathway_label
    from model.outcomes import pathway_keys

    for key in pathway_keys():
        with language("en"):
            assert pathway_words(key) == pathway_label(key)
        with language("nb"):
            words = pathway_words(key)
        assert words != pathway_label(key) and "_" not in words, key
    with language("nb"):
        assert pathway_words("moves_by_reason.isolation") == "flyttinger etter grunn: fra isolasjon"
        assert pathway_words("employed_here_share_year_3") == "i arbeid her, år 3"
