"""Prefect-free steps that combine extraction, alignment and the dataset: one file extracted
and aligned in an isolated worker, evaluation against hand-checked expectations, review
decisions. The flows wire these; the CLI calls them."""
