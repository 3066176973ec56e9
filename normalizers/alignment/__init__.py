"""Alignment of item names to the canonical catalog: the catalog and its variant rules,
segmentation, name scoring, content evidence, the review queue and reviewers' overrides."""
