"""The names of the ABC's summary statistics ("case|outcome"), shared by the sampler, its pyabc
model and the posterior's files."""

from __future__ import annotations

TOO_FAR = 1e9  # the distance of a particle whose runs measured nothing (never accepted)
SEP = "|"  # summary statistic names: "case|outcome"


def stat_name(case: str, outcome: str) -> str:
    return f"{case}{SEP}{outcome}"


def stat_key(name: str) -> tuple[str, str]:
    case, _, outcome = name.rpartition(SEP)
    return case, outcome
