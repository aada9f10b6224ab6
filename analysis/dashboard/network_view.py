"""The network view: which nodes to draw, where, and how to tell them apart.

A municipality of 6,000 locals cannot be drawn readably, and the model has no ties among
locals. The view draws every refugee who ever arrived (moved-out people kept, marked), the
locals they have a tie with, and the arenas: employers and volunteer groups. Positions are
fixed the first time a node appears and never move afterwards, so the picture only grows:

- employers on an outer ring, grouped by sector; volunteer groups on an inner ring;
- households in arrival order on a sunflower spiral in the middle, members side by side;
- a local next to its workplace or group if it has one, otherwise next to the refugee it first
  appeared tied to.

All placement is derived from node ids through a seeded hash: no global random state.

Words (hover titles, sector labels, person labels) are said in the current language
(:func:`analysis.i18n.language`); the page's legend is :data:`analysis.i18n.terms.NETWORK_LEGEND`.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field

import networkx as nx

from analysis.dashboard.charts import ACTIVITY_STYLE
from analysis.i18n import N_, _, format_decimal
from analysis.i18n.events import employer_name
from analysis.i18n.terms import HOUSEHOLD_TYPES, SECTORS, SEXES
from model.enums import HouseholdType, Sex
from model.model import BygdeModel

VIEW_W, VIEW_H = 1000.0, 640.0
CX, CY = VIEW_W / 2, VIEW_H / 2
GOLDEN = math.pi * (3.0 - math.sqrt(5.0))

KIND_STYLE = {
    "refugee": N_("refugee (colour: what they do now)"),
    "moved": N_("moved away"),
    "local": N_("local resident with a tie"),
    "employer": N_("employer"),
    "volunteer_group": N_("volunteer group"),
}


def unit_hash(*parts: object) -> float:
    """A stable number in [0, 1) from the parts (the same in every process and run)."""
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


def network_subgraph(model: BygdeModel, threshold: float | None = None) -> nx.Graph:
    """The part of the municipality's network the view draws.

    Nodes: every refugee (``moved`` flag), locals with a tie at or above ``threshold`` to a
    present refugee, every employer and volunteer group. Edges: ``tie`` (refugee-local),
    ``co_ethnic`` (refugee-refugee), ``works`` / ``placed`` (refugee at an employer now),
    ``member`` (refugee in a group, local in a group), ``works_at`` (a drawn local's employer).
    """
    net, g = model.network, model.network.graph
    thr = model.p.social.tie_threshold if threshold is None else threshold
    sub = nx.Graph()
    for emp in model.employer_list:
        label = employer_name(emp.name)
        sub.add_node(emp.node, kind="employer", label=label, sector=emp.sector.value)
    for grp in model.group_list:
        mixed = _("mixes with locals") if grp.mixed else _("immigrants only")
        sub.add_node(grp.node, kind="volunteer_group", label=f"{grp.name} ({mixed})")
    for person in model.people:
        moved = person.moved_month is not None
        sub.add_node(
            person.node,
            kind="refugee",
            moved=moved,
            pid=person.pid,
            activity=person.activity.value,
            household=person.household.seq,
            member=person.household.members.index(person),
            label=person_label(person),
        )
    for person in model.present_people:
        node = person.node
        for other, data in net.ties_of.get(node, {}).items():
            if data["weight"] < thr:
                continue
            if net.is_local(other):
                if other not in sub:
                    label = _("local resident {n}").format(n=other)
                    sub.add_node(other, kind="local", label=label)
                sub.add_edge(node, other, kind="tie", weight=round(data["weight"], 2))
            elif other in sub and not sub.nodes[other].get("moved"):
                sub.add_edge(node, other, kind="co_ethnic", weight=round(data["weight"], 2))
        if person.employer is not None:
            kind = "placed" if person.activity.is_placement else "works"
            sub.add_edge(node, person.employer.node, kind=kind)
        if person.group is not None:
            sub.add_edge(node, person.group.node, kind="member")
    arenas = {n for n, d in sub.nodes(data=True) if d["kind"] in ("employer", "volunteer_group")}
    for local in [n for n, d in sub.nodes(data=True) if d["kind"] == "local"]:
        for arena in g.adj[local]:
            if arena in arenas:
                sub.add_edge(local, arena, kind=g.adj[local][arena].get("kind", "works_at"))
    return sub


def person_label(person) -> str:
    """``#12 man, 27 (single man)`` style label of a refugee adult (current language)."""
    htype = person.household.htype
    if htype.is_single:
        htype = HouseholdType.SINGLE_MAN if person.sex is Sex.MAN else HouseholdType.SINGLE_WOMAN
    return _("#{pid} {sex}, {age} ({household})").format(
        pid=person.pid,
        sex=_(SEXES[person.sex]),
        age=int(person.age_at_arrival),
        household=_(HOUSEHOLD_TYPES[htype]),
    )


def sector_labels(labels: list[dict]) -> list[dict]:
    """The ring's sector labels with their words in the current language."""
    return [{**lab, "text": _(SECTORS[lab["sector"]])} for lab in labels]


RING = (390.0, 250.0)  # employers
GROUP_RING = (300.0, 190.0)
DISC = (215.0, 150.0)  # households


@dataclass
class NetworkLayout:
    """Positions that never change once given, for one run (reset with the run)."""

    seed: int
    households: int
    pos: dict[int, tuple[float, float]] = field(default_factory=dict)
    labels: list[dict] = field(default_factory=list)
    ego_angles: dict[int, dict[int, float]] = field(default_factory=dict)

    def place_arenas(self, model: BygdeModel) -> None:
        """Employers on the outer ring grouped by sector (with a label per sector), volunteer
        groups on an inner ring."""
        if any(emp.node in self.pos for emp in model.employer_list):
            return
        emps = sorted(model.employer_list, key=lambda e: (e.sector.value, e.index))
        n = max(len(emps), 1)
        by_sector: dict[str, list[float]] = {}
        for i, emp in enumerate(emps):
            a = 2 * math.pi * i / n - math.pi / 2
            self.pos[emp.node] = (CX + RING[0] * math.cos(a), CY + RING[1] * math.sin(a))
            by_sector.setdefault(emp.sector.value, []).append(a)
        for sector, angles in by_sector.items():
            a = sum(angles) / len(angles)
            c = math.cos(a)
            self.labels.append(
                {
                    "x": round(CX + (RING[0] + 18) * c, 1),
                    "y": round(CY + (RING[1] + 18) * math.sin(a) + 4, 1),
                    "sector": sector,
                    "text": sector.replace("_", " "),
                    "anchor": "start" if c > 0.25 else ("end" if c < -0.25 else "middle"),
                }
            )
        groups = model.group_list
        for i, grp in enumerate(groups):
            a = 2 * math.pi * (i + 0.5) / max(len(groups), 1) + math.pi / 4
            self.pos[grp.node] = (
                CX + GROUP_RING[0] * math.cos(a),
                CY + GROUP_RING[1] * math.sin(a),
            )

    def household_centre(self, seq: int) -> tuple[float, float]:
        """Households in arrival order on a sunflower spiral: evenly spread, never moving."""
        k = seq + 0.5
        r = math.sqrt(k / max(self.households, 1))
        a = k * GOLDEN
        return CX + DISC[0] * r * math.cos(a), CY + DISC[1] * r * math.sin(a)

    def place(self, sub: nx.Graph) -> dict[int, tuple[float, float]]:
        """Positions of every node of ``sub``; new nodes are placed, old ones kept. A local sits
        next to the refugee it first appeared tied to."""
        for node in sorted(sub.nodes):
            data = sub.nodes[node]
            if node not in self.pos and data["kind"] == "refugee":
                x, y = self.household_centre(data["household"])
                i = data.get("member", 0)
                self.pos[node] = (x + 9 * i, y + 3 * (i % 2))
        for node in sorted(sub.nodes):
            if node in self.pos or sub.nodes[node]["kind"] != "local":
                continue
            people = sorted(n for n in sub.adj[node] if sub.nodes[n]["kind"] == "refugee")
            x, y = self.pos[people[0]] if people else (CX, CY)
            a = 2 * math.pi * unit_hash(self.seed, node, "a")
            d = 14 + 18 * unit_hash(self.seed, node, "d")
            self.pos[node] = (x + d * math.cos(a), y + d * math.sin(a))
        return {n: self.pos[n] for n in sub.nodes}

    def ego_angle(self, pid: int, node: int) -> float:
        """Where around a person a contact sits: the next free golden-angle slot, kept."""
        angles = self.ego_angles.setdefault(pid, {})
        if node not in angles:
            angles[node] = (len(angles) * GOLDEN + 2 * math.pi * unit_hash(self.seed, pid)) % (
                2 * math.pi
            )
        return angles[node]


def node_color(data: dict) -> str:
    kind = data["kind"]
    if kind == "refugee":
        return "#ffffff" if data.get("moved") else ACTIVITY_STYLE[data["activity"]][1]
    return {"local": "#9e9e9e", "employer": "#37474f", "volunteer_group": "#8e44ad"}[kind]


def _node_json(node: int, data: dict, x: float, y: float, dim: bool, ego: bool) -> dict:
    kind = data["kind"]
    shown = "moved" if data.get("moved") else kind
    title = data.get("label", str(node))
    if kind == "refugee":
        doing = _("moved away") if data.get("moved") else _(ACTIVITY_STYLE[data["activity"]][0])
        title += f" - {doing}"
    return {
        "id": int(node),
        "x": round(x, 1),
        "y": round(y, 1),
        "kind": shown,
        "pid": data.get("pid", -1),
        "fill": node_color(data),
        "title": title,
        "dim": dim,
        "ego": ego,
    }


EDGE_STYLE = {
    "tie": ("#2c7fb8", 1.1),
    "co_ethnic": ("#bdbdbd", 0.5),
    "works": ("#238b45", 1.4),
    "placed": ("#fd8d3c", 1.4),
    "member": ("#8e44ad", 0.8),
    "works_at": ("#cfd8dc", 0.5),
}


def _edge_json(a, b, kind: str, pos: dict, dim: bool, ego: bool) -> dict:
    (x1, y1), (x2, y2) = pos[a], pos[b]
    color, width = EDGE_STYLE.get(kind, ("#cccccc", 0.5))
    return {
        "x1": round(x1, 1),
        "y1": round(y1, 1),
        "x2": round(x2, 1),
        "y2": round(y2, 1),
        "color": color,
        "w": width * (2.0 if ego else 1.0),
        "dim": dim,
    }


def municipality_view(model: BygdeModel, layout: NetworkLayout, focus: int | None = None) -> dict:
    """Nodes and edges of the whole view, ready for the page; ``focus`` (a pid) highlights
    that person's ego network and fades the rest."""
    layout.place_arenas(model)
    sub = network_subgraph(model)
    pos = layout.place(sub)
    focus_node = None
    if focus is not None:
        focus_node = model.network.refugee_node(focus)
        if focus_node not in sub:
            focus_node = None
    ego = set(sub.adj[focus_node]) | {focus_node} if focus_node is not None else set()
    nodes = [
        _node_json(n, d, *pos[n], dim=bool(ego) and n not in ego, ego=n == focus_node)
        for n, d in sub.nodes(data=True)
    ]
    order = {"local": 0, "employer": 1, "volunteer_group": 1, "moved": 2, "refugee": 3}
    nodes.sort(key=lambda d: (d["ego"], not d["dim"], order[d["kind"]]))
    edges = []
    for a, b, d in sub.edges(data=True):
        on_ego = focus_node is not None and focus_node in (a, b)
        local = next((n for n in (a, b) if sub.nodes[n]["kind"] == "local"), None)
        if d["kind"] in ("works_at", "member") and local is not None:
            # a local's own workplace or group: drawn only for the followed person's ties,
            # where it shows the referral channel (ch. 3.3.1); elsewhere it hides the picture
            if local not in ego:
                continue
            edges.append(_edge_json(a, b, d["kind"], pos, dim=False, ego=False))
            continue
        if d["kind"] == "co_ethnic" and not on_ego:
            continue  # hundreds of them: drawn for the followed person only
        edges.append(_edge_json(a, b, d["kind"], pos, dim=bool(ego) and not on_ego, ego=on_ego))
    edges.sort(key=lambda e: not e["dim"])
    return {
        "nodes": nodes,
        "edges": edges,
        "labels": sector_labels(layout.labels),
        "width": VIEW_W,
        "height": VIEW_H,
    }


EGO_W, EGO_H = 520.0, 360.0


def ego_view(model: BygdeModel, layout: NetworkLayout, pid: int) -> dict:
    """One person's ego network, drawn around them: stronger ties sit closer (acquaintances
    at half the tie threshold are shown too, furthest out), their workplace or placement and
    group on the outer ring; each contact keeps its angle as the network grows. For someone
    who moved away: their ties when they left."""
    net = model.network
    by_node = {p.node: p for p in model.people}
    node = net.refugee_node(pid)
    person = by_node.get(node)
    cx, cy = EGO_W / 2, EGO_H / 2
    out: dict = {"nodes": [], "edges": [], "width": EGO_W, "height": EGO_H}
    if person is None:
        return out
    thr = model.p.social.tie_threshold
    me = {"kind": "refugee", "moved": person.moved_month is not None, "pid": pid}
    me.update(activity=person.activity.value, label=person_label(person))
    out["nodes"].append(_node_json(node, me, cx, cy, dim=False, ego=True))

    def place(other: int, data: dict, rx: float, ry: float, kind: str, ego: bool) -> None:
        a = layout.ego_angle(pid, other)
        x, y = cx + rx * math.cos(a), cy + ry * math.sin(a)
        out["nodes"].append(_node_json(other, data, x, y, dim=False, ego=False))
        pos = {node: (cx, cy), other: (x, y)}
        out["edges"].append(_edge_json(node, other, kind, pos, dim=False, ego=ego))

    for other, tie in sorted(net.ties_of.get(node, {}).items()):
        weight = tie["weight"]
        if weight < thr * 0.5:
            continue
        strength = _(", tie strength {weight}").format(weight=format_decimal(weight, 1)) + (
            "" if weight >= thr else _(" (acquaintance)")
        )
        if net.is_local(other):
            label = _("local resident {n}").format(n=other) + strength
            data = {"kind": "local", "label": label}
        else:
            peer = by_node.get(other)
            data = {
                "kind": "refugee",
                "moved": peer is not None and peer.moved_month is not None,
                "activity": peer.activity.value if peer is not None else "idle",
                "pid": peer.pid if peer is not None else -1,
                "label": (person_label(peer) if peer is not None else _("refugee"))
                + _(" (co-ethnic tie)")
                + strength,
            }
        radius = 150 - 90 * min(weight / (thr * 4), 1.0)
        kind = "tie" if data["kind"] == "local" else "co_ethnic"
        place(other, data, radius * 1.5, radius, kind, ego=False)
    if person.employer is not None:
        emp, placed = person.employer, person.activity.is_placement
        where = employer_name(emp.name)
        label = (_("placed at {employer}") if placed else _("works at {employer}")).format(
            employer=where
        )
        kind = "placed" if placed else "works"
        place(emp.node, {"kind": "employer", "label": label}, 235, 165, kind, ego=True)
    if person.group is not None:
        data = {"kind": "volunteer_group", "label": person.group.name}
        place(person.group.node, data, 235, 165, "member", ego=True)
    out["nodes"].reverse()  # the person on top
    return out
