"""Benchmarks for govedu-check: the corpus generator and the benchmark runner (see docs/performance.md)."""
