"""Prefect-free steps that combine extraction, alignment and the dataset: one file extracted
and aligned in an isolated worker, one input file of a run extracted into the extraction
cache, a run's items aligned to the catalog, evaluation against hand-checked expectations,
review decisions. The flows wire these; the CLI calls them."""
