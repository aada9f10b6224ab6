"""``bygdesim bench``: speed and memory figures, measured and never enforced by tests.

``suite`` runs the groups (``model`` there, ``sweep`` and ``dashboard`` in their own modules).
"""
