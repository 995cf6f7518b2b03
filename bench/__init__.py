"""Benchmark harness: fastdt against every peer on the same strings.

Run ``python -m bench`` (or ``python bench/run.py``); see ``bench/run.py``
for the options and ``bench/results/latest.md`` for the last report.
"""
