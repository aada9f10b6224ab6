"""Per-person life history: a list of dated events, readable by people and by code."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from model.enums import EventKind


@dataclass(slots=True)
class Event:
    month: int
    kind: EventKind
    text: str
    data: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"month": self.month, "kind": str(self.kind), "text": self.text, **self.data}


class History:
    """An append-only event log."""

    __slots__ = ("events",)

    def __init__(self) -> None:
        self.events: list[Event] = []

    def add(self, month: int, kind: EventKind, text: str, **data: Any) -> None:
        self.events.append(Event(month, kind, text, data))

    def of_kind(self, kind: EventKind) -> list[Event]:
        return [e for e in self.events if e.kind == kind]

    def __len__(self) -> int:
        return len(self.events)

    def as_list(self) -> list[dict[str, Any]]:
        return [e.as_dict() for e in self.events]
