"""Benchmark tasks: one module per subject, asv-style function names (see benchmarks/harness.py)."""
