"""Reference data shipped with the package: the canonical catalog, name-matching rules and
segmentation words (read with importlib.resources)."""
