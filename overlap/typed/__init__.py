"""Frozen dataclasses and str enums passed between stages, one module per job.

`overlap.types` re-exports every name here, so either import path works.
"""
