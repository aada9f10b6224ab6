"""Independent random streams derived from one master seed.

Each random process (arrivals, placement, hiring, social life, moving, ...) draws from its own
stream, and per-person processes from a stream keyed by the person. Switching a lever therefore
does not reshuffle unrelated draws (common random numbers), and a run gives the same result in
any process or worker: keys are turned into integers with CRC32, never with ``hash()``.
"""

from __future__ import annotations

import zlib

import numpy as np


def _key(part: str | int) -> int:
    if isinstance(part, (int, np.integer)):
        return int(part) & 0xFFFFFFFF  # literal: 32-bit mask for the seed key
    return zlib.crc32(str(part).encode())


class Streams:
    """Factory of named ``numpy.random.Generator`` streams under one master seed."""

    def __init__(self, seed: int) -> None:
        self.seed = int(seed)

    def stream(self, *key: str | int) -> np.random.Generator:
        """A generator for the process named by ``key`` (for example ``("move", person_id)``)."""
        seq = np.random.SeedSequence(self.seed, spawn_key=tuple(_key(k) for k in key))
        return np.random.Generator(np.random.PCG64(seq))


def derive_seed(master: int, *key: str | int) -> int:
    """A 63-bit seed for run ``key`` of an experiment with master seed ``master``."""
    seq = np.random.SeedSequence(int(master), spawn_key=tuple(_key(k) for k in key))
    return int(seq.generate_state(1, dtype=np.uint64)[0] >> 1)
