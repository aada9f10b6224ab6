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
