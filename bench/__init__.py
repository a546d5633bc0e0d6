"""Benchmarks of the MECIGEP pipeline: ``python -m bench [module ...]``.

Each module of ``bench.__main__.MODULES`` exposes ``run() -> list[Figure]``; the
figures are printed one a line by ``bench.common``. Nothing is asserted: the
bench reports, it does not judge.
"""
