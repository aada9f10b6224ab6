"""Presenting results: self-contained HTML pages (``html`` is the kit), figures (``plots``),
terminal tables (``tables``), and one module per experiment (``compare``, ``sweep``,
``validation``, ``calibration``, ``sensitivity``, ``frontier``, ``goal_seek``) turning its
result data into pages, figures, tables and files. Reports compute nothing of their own beyond
formatting.
"""
