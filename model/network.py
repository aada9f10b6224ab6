"""The municipality's social network.

A networkx graph whose nodes are locals (every resident), refugees, employers and volunteer
groups. Locals are tied to the arenas they belong to (``works_at``, ``member``); refugees gain
personal ties (``tie`` edges with a weight) through repeated contact in those arenas (M4).
Ties among locals are not modelled: no rule uses them, and leaving them out keeps a 6,700-node
municipality cheap to build.

Node ids are integers in disjoint ranges so they sort and serialise cleanly.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import networkx as nx
import numpy as np

REFUGEE_BASE = 1_000_000  # literal: node-id range of refugees (data layout)
EMPLOYER_BASE = 2_000_000  # literal: node-id range of employers (data layout)
GROUP_BASE = 3_000_000  # literal: node-id range of volunteer groups (data layout)


class SocialNetwork:
    """Locals, arenas and personal ties, with the operations the rules need."""

    def __init__(self, n_locals: int, hamlet_of_local: np.ndarray) -> None:
        self.graph = nx.Graph()
        self.n_locals = n_locals
        self.hamlet_of_local = hamlet_of_local
        self.graph.add_nodes_from(
            (i, {"kind": "local", "hamlet": int(h)}) for i, h in enumerate(hamlet_of_local)
        )
        self.employer_of_local = np.full(n_locals, -1, dtype=np.int64)
        # ties of each refugee node: other node -> the graph's own edge-data dict (shared, so
        # updating one updates the other); a plain-dict index keeps the monthly rules fast
        self.ties_of: dict[int, dict[int, dict]] = {}
        # the refugee (co-ethnic) keys of each ``ties_of`` dict, kept in the same order by the
        # same insertions and deletions, so listing them needs no pass over the local ties
        self.co_ethnic_of: dict[int, dict[int, None]] = {}

    # ---- nodes -----------------------------------------------------------------------------
    @staticmethod
    def refugee_node(pid: int) -> int:
        return REFUGEE_BASE + pid

    @staticmethod
    def employer_node(unique_id: int) -> int:
        return EMPLOYER_BASE + unique_id

    @staticmethod
    def group_node(unique_id: int) -> int:
        return GROUP_BASE + unique_id

    @staticmethod
    def is_local(node: int) -> bool:
        return node < REFUGEE_BASE

    def add_refugee(self, pid: int, **attrs) -> int:
        node = self.refugee_node(pid)
        self.graph.add_node(node, kind="refugee", moved=False, **attrs)
        self.ties_of[node] = {}
        self.co_ethnic_of[node] = {}
        return node

    def add_employer(self, index: int, workers: Iterable[int], **attrs) -> int:
        """An employer node; ``index`` is the employer's stable index in the model."""
        node = self.employer_node(index)
        self.graph.add_node(node, kind="employer", **attrs)
        workers = list(workers)
        self.graph.add_edges_from((w, node, {"kind": "works_at"}) for w in workers)
        self.employer_of_local[workers] = index
        return node

    def add_group(self, unique_id: int, members: Iterable[int], **attrs) -> int:
        node = self.group_node(unique_id)
        self.graph.add_node(node, kind="volunteer_group", **attrs)
        self.graph.add_edges_from((m, node, {"kind": "member"}) for m in members)
        return node

    def mark_moved(self, pid: int) -> None:
        """A refugee left: their node stays (marked), but others no longer count them as a
        local tie, and their own ties freeze."""
        node = self.refugee_node(pid)
        self.graph.nodes[node]["moved"] = True
        for other in self.ties_of.get(node, {}):
            if other in self.ties_of:
                self._forget(other, node)

    # ---- ties (M4) -------------------------------------------------------------------------
    def contact(self, a: int, b: int, gain: float, month: int) -> None:
        """Record a contact between refugee ``a`` and ``b``; ``gain`` is the weight it adds."""
        mine = self.ties_of[a]
        data = mine.get(b)
        if data is not None:
            data["weight"] += gain
            data["last"] = month
            return
        self.graph.add_edge(a, b, kind="tie", weight=gain, last=month)
        data = self.graph.adj[a][b]
        mine[b] = data
        if b >= REFUGEE_BASE:
            self.co_ethnic_of[a][b] = None
        if b in self.ties_of:
            self.ties_of[b][a] = data
            if a >= REFUGEE_BASE:
                self.co_ethnic_of[b][a] = None

    def _forget(self, node: int, other: int) -> None:
        """Drop ``other`` from the ties of ``node`` (if there), keeping both indexes in step."""
        self.ties_of[node].pop(other, None)
        self.co_ethnic_of[node].pop(other, None)

    def has_tie(self, a: int, b: int) -> bool:
        return b in self.ties_of[a]

    def decay(self, node: int, rate: float, month: int, floor: float) -> None:
        """Weaken the ties of ``node`` that saw no contact this month; drop those below
        ``floor`` (``social.tie_floor``)."""
        self.decay_and_count(node, rate, month, floor, math.inf)

    def decay_and_count(
        self, node: int, rate: float, month: int, floor: float, threshold: float
    ) -> tuple[int, int]:
        """Weaken the ties of ``node`` that saw no contact this month and drop those below
        ``floor``, then count the (local, co-ethnic refugee) ties at or above ``threshold``,
        in one pass over the ties (the same as ``decay`` then ``ties``)."""
        if rate <= 0:
            return self.ties(node, threshold)
        mine = self.ties_of[node]
        faded = []
        keep = 1.0 - rate
        local = refugee = 0
        for other, data in mine.items():
            if data["last"] != month:
                weight = data["weight"] * keep
                data["weight"] = weight
                if weight < floor:
                    faded.append(other)
                    continue
            else:
                weight = data["weight"]
            if weight >= threshold:
                if other < REFUGEE_BASE:
                    local += 1
                else:
                    refugee += 1
        for other in faded:
            self._forget(node, other)
            if other in self.ties_of:
                self._forget(other, node)
            self.graph.remove_edge(node, other)
        return local, refugee

    def ties(self, node: int, threshold: float) -> tuple[int, int]:
        """Number of (local, co-ethnic refugee) ties at or above ``threshold``."""
        local = refugee = 0
        for other, data in self.ties_of[node].items():
            if data["weight"] >= threshold:
                if other < REFUGEE_BASE:
                    local += 1
                else:
                    refugee += 1
        return local, refugee

    def local_tie_ids(self, node: int, threshold: float) -> list[int]:
        return [
            o
            for o, d in self.ties_of[node].items()
            if o < REFUGEE_BASE and d["weight"] >= threshold
        ]

    def co_ethnic_tie_ids(self, node: int) -> list[int]:
        return list(self.co_ethnic_of[node])

    def employers_reachable(self, node: int, threshold: float) -> set[int]:
        """Employers (indices) where a local tie of ``node`` works: the referral channel (M8)."""
        out: set[int] = set()
        for other in self.local_tie_ids(node, threshold):
            emp = self.employer_of_local[other]
            if emp >= 0:
                out.add(int(emp))
        return out

    def ego(self, node: int, radius: int = 1) -> nx.Graph:
        """The ego network of one refugee (ties only, plus the arenas of its ties)."""
        return nx.ego_graph(self.graph, node, radius=radius)
