"""govguide's version (kept equal to pyproject.toml's), recorded in manifests and the
fetcher's User-Agent."""

__version__ = "0.1.0"
