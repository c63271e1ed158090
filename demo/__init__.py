"""Synthetic demo directory for benchmarks and load tests (``generate_demo``); not a production app.

Installed only when ``LCN_DEMO=1`` (the benchmarks under ``bench/`` set it; so do the tests). It may
import ``clusters`` and ``programmes``; nothing imports it.
"""
