"""Golden-file tests: every sample document's full extraction output, field by field.

A change in extraction shows up here as a readable JSON diff. After an intended change,
regenerate with ``pytest tests/extractors/test_golden.py --regen-golden`` and review the
diff of tests/golden/ before committing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import extracted, sample_files

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
# Alignment is another stage with its own tests; goldens hold what extraction produced.
ALIGNMENT_FIELDS = {
    "canonical_id", "canonical_name", "also_covers", "match_score", "match_method",
    "match_runner_up", "match_runner_up_score", "needs_review", "catalog_version",
}
# The samples are text documents: OCR marking is checked by tests/extractors/test_ocr*.py.
OCR_FIELDS = {"ocr"}


def snapshot(path: Path) -> dict[str, Any]:
    result = extracted(path)
    items = []
    for item in result.items:
        data = item.model_dump(
            mode="json",
            exclude=ALIGNMENT_FIELDS | OCR_FIELDS | {"source_file", "source_url", "fetched_at"},
        )
        items.append(data)
    return {
        "file": path.name,
        "format": result.format,
        "pages": result.pages,
        "extractor": result.extractor,
        "not_a_guide_reason": result.not_a_guide_reason,
        "items": items,
    }


@pytest.mark.parametrize("path", sample_files(), ids=lambda p: p.name)
def test_extraction_matches_golden(path: Path, request: pytest.FixtureRequest) -> None:
    golden = GOLDEN / f"{path.name}.json"
    got = snapshot(path)
    if request.config.getoption("--regen-golden"):
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert got["extractor"] == expected["extractor"]
    assert [i["item_name"] for i in got["items"]] == [i["item_name"] for i in expected["items"]]
    for got_item, exp_item in zip(got["items"], expected["items"], strict=True):
        assert got_item == exp_item, f"{path.name}: {exp_item['item_name']} differs from golden"
    assert got == expected
