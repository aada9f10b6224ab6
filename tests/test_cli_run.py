"""End-to-end: ``bygdesim run PRESET --json`` reports every outcome of MODEL.md."""

import json
import math
import re
import subprocess
import sys

import pytest

from model.outcomes import is_share, outcome_keys

BYGDESIM = [sys.executable, "-m", "analysis.cli"]


def model_md_keys(text: str) -> set[str]:
    """The outcome keys as MODEL.md spells them, expanded."""
    keys = {"retention_1y", "retention_2y", "retention_5y", "retention_7y"}
    groups = re.search(r"for groups (.+?)\.\n", text, re.S).group(1)
    for g in re.findall(r"`(\w+)`", groups):
        keys.add(f"retention_5y.{g}")
        keys.add(f"local_ties_mean.{g}")
        keys.add(f"lonely_share.{g}")
    keys |= {"work_or_education_1y_after_programme"} | {
        f"work_or_education_1y_after_programme.{s}" for s in ("men", "women")
    }
    for k in range(1, 11):
        keys |= {f"employment_rate_year_{k}", f"moved_share_year_{k}"}
        keys |= {f"employment_rate_year_{k}.{s}" for s in ("men", "women")}
    keys |= {"movers_ever_employed_here_share", "lever_cost_nok_per_year"}
    keys |= {"cost_per_retained_adult_nok"}
    # the pathway keys: "<prefix>.<name>" for each name listed after "for <what>"
    for prefix, names in re.findall(r"`(\w+)\.<\w+>` for \w+ ((?:(?!\n- ).)+?):", text, re.S):
        keys |= {f"{prefix}.{name}" for name in re.findall(r"`(\w+)`", names)}
    # "`<stem>_year_<k>` for k = 1..10" and the keys defined on a line of their own
    for stem in re.findall(r"`(\w+_year)_<k>`", text):
        keys |= {f"{stem}_{k}" for k in range(1, 11)}
    keys |= set(re.findall(r"^- `(\w+)`:", text, re.M))
    for key in re.findall(r"^- `(\w+)` \(mean IP quality\)(.+?)\.\n\n", text, re.S | re.M):
        keys.add(key[0])
        keys |= set(re.findall(r"`(\w+)`", key[1]))
    return keys


def test_outcome_keys_match_the_spec(repo_root):
    spec = repo_root / "docs" / "MODEL.md"  # the specification, kept in the repo
    assert set(outcome_keys()) == model_md_keys(spec.read_text())


@pytest.mark.parametrize("preset", ["sel", "vaga", "nordre_land"])
def test_run_json_reports_every_outcome(preset):
    r = subprocess.run(
        [*BYGDESIM, "run", preset, "--seed", "1", "--replications", "10", "--json"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert set(data) == {"scenario", "seed", "years", "replications", "outcomes", "ci95", "n"}
    assert (data["scenario"], data["seed"], data["years"], data["replications"]) == (
        preset,
        1,
        10,
        10,
    )
    assert list(data["outcomes"]) == outcome_keys()
    assert list(data["n"]) == outcome_keys()
    for key, value in data["outcomes"].items():
        if data["n"][key] == 0:  # nobody to measure (no arm has municipal jobs, ...): null
            assert value is None, key
            continue
        if key == "cost_per_retained_adult_nok":
            continue
        assert value is not None, key
        if is_share(key):
            assert 0.0 <= value <= 1.0, (key, value)
            lo, hi = data["ci95"][key]
            assert lo <= value <= hi, key
    assert data["outcomes"]["cost_per_retained_adult_nok"] is None  # a preset is its baseline
    # n: the people measured, summed over the ten replications
    assert data["n"]["retention_1y"] >= data["n"]["retention_5y"] > 10 * 30
    assert data["n"]["retention_5y"] == sum(
        data["n"][f"retention_5y.{g}"]
        for g in ("single_men", "single_women", "couple_no_children")
        + ("family_with_children", "single_parent")
    )
    # MODEL.md's qualitative facts, by mechanism: singles leave more than families
    singles = data["outcomes"]["retention_5y.single_men"]
    families = data["outcomes"]["retention_5y.family_with_children"]
    assert families > singles


def test_run_with_a_lever_reports_its_cost_against_the_paired_baseline():
    r = subprocess.run(
        [
            *BYGDESIM,
            "run",
            "vaga",
            "--years",
            "6",
            "-r",
            "4",
            "--json",
            "--set",
            "levers.municipal_jobs.positions=4",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)["outcomes"]
    assert out["lever_cost_nok_per_year"] > 0
    cost = out["cost_per_retained_adult_nok"]
    assert cost is None or (cost > 0 and math.isfinite(cost))


def test_human_table_by_default():
    r = subprocess.run(
        [*BYGDESIM, "run", "vaga", "--years", "3"], capture_output=True, text=True, timeout=300
    )
    assert r.returncode == 0
    assert "retention_1y" in r.stdout and "%" in r.stdout
