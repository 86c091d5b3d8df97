# Conveniences for developers; scripts/test is what CI and the README use.
.PHONY: test check bench screenshot

test:
	./scripts/test

check:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy

bench:
	.venv/bin/python benchmarks/bench_foundation.py

screenshot:
	.venv/bin/python scripts/screenshot.py docs/screenshot.svg
