"""Benchmarks: a seeded data generator (:mod:`bench.generate`) and the runner (``bench/run``)."""
