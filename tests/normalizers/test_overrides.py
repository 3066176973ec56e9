"""The overrides file: reviewer decisions applied before matching."""

from __future__ import annotations

from pathlib import Path

import pytest

from normalizers.alignment.catalog import default_catalog
from normalizers.alignment.overrides import (
    DEFAULT_OVERRIDES_PATH,
    OVERRIDES_ENV,
    Override,
    OverridesError,
    load_overrides,
    overrides_path,
    overrides_to_csv,
    parse_overrides_csv,
)

ROOT = Path(__file__).resolve().parents[2]

TEXT = """# decisions
item_key,canonical_id,also_covers,reviewer,note
重庆|酉阳自治县|cq_x|单位注销,YB-0101,,张三,注销 belongs to registration
浙江||zj_x|出国（境）带药备案,none,,李四,local service
广西||gx_x|异地就医备案,YB-0401,YB-0402|YB-0403,王五,
重庆|酉阳自治县|cq_x|单位注销,YB-0102,,张三,changed my mind
"""


def test_parse_rows_none_and_covers() -> None:
    overrides = parse_overrides_csv(TEXT)
    assert len(overrides) == 3
    local = overrides.get("浙江||zj_x|出国（境）带药备案")
    assert local is not None and local.canonical_id is None
    filing = overrides.get("广西||gx_x|异地就医备案")
    assert filing is not None and filing.also_covers == ("YB-0402", "YB-0403")
    # a later row for the same item wins
    assert overrides.get("重庆|酉阳自治县|cq_x|单位注销").canonical_id == "YB-0102"


def test_validation_against_the_catalog() -> None:
    parse_overrides_csv(TEXT).validate(default_catalog())
    bad = parse_overrides_csv("item_key,canonical_id\nk,YB-9999\n")
    with pytest.raises(OverridesError, match="YB-9999"):
        bad.validate(default_catalog())
    # canonical names are accepted where ids are expected
    parse_overrides_csv("item_key,canonical_id\nk,单位参保登记\n").validate(default_catalog())


@pytest.mark.parametrize(
    "text",
    [
        "item_key,reviewer\nk,me\n",
        "item_key,canonical_id\nk,\n",
        "item_key,canonical_id\n,YB-0101\n",
    ],
)
def test_malformed_files_are_refused(text: str) -> None:
    with pytest.raises(OverridesError):
        parse_overrides_csv(text)


def test_load_reads_file_and_missing_default_is_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "overrides.csv"
    path.write_text(TEXT, encoding="utf-8")
    assert len(load_overrides(path, catalog=default_catalog())) == 3
    with pytest.raises(OverridesError):
        load_overrides(tmp_path / "missing.csv")
    monkeypatch.chdir(tmp_path)  # no data/reference/overrides.csv here
    assert len(load_overrides()) == 0


def test_round_trip_through_csv() -> None:
    rows = [
        Override("a|b|c|d", "YB-0101", ("YB-0102",), "张三", "note, with comma"),
        Override("x", None),
    ]
    parsed = parse_overrides_csv(overrides_to_csv(rows))
    assert [parsed.get(r.item_key) for r in rows] == rows


def test_shipped_overrides_file_is_valid() -> None:
    load_overrides(ROOT / DEFAULT_OVERRIDES_PATH, catalog=default_catalog())


def test_overrides_are_found_from_the_output_not_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(OVERRIDES_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    found, required = overrides_path("srv/curated")
    assert (found, required) == (tmp_path / "srv" / "reference" / "overrides.csv", False)
    monkeypatch.chdir("/")
    assert overrides_path(tmp_path / "srv" / "curated")[0] == found
    # An explicit file, then the setting, win; both must exist when read.
    monkeypatch.setenv(OVERRIDES_ENV, str(tmp_path / "team.csv"))
    assert overrides_path("x") == ((tmp_path / "team.csv"), True)
    assert overrides_path("x", tmp_path / "mine.csv") == ((tmp_path / "mine.csv"), True)
    with pytest.raises(OverridesError, match="not found"):
        load_overrides(tmp_path / "team.csv", required=True)
    assert len(load_overrides(found, required=False)) == 0


def test_usage_reports_applied_unused_and_stale_keys() -> None:
    decided = parse_overrides_csv(
        "item_key,canonical_id\n"
        "aaaaaaaaaaaaaaaa,YB-0101\n"
        "广西||gx_list|单位参保登记,YB-0101\n"
        "bbbbbbbbbbbbbbbb,none\n"
    )
    usage = decided.usage(
        ["aaaaaaaaaaaaaaaa", "cccccccccccccccc", "aaaaaaaaaaaaaaaa"],
        ["广西||gx_list|x", "广西||gx_list|单位参保登记", "广西||gx_list.pdf|x"],
    )
    assert usage.applied == 2
    assert usage.unused == ["bbbbbbbbbbbbbbbb"]
    # Applied through the older key: reported with the id to write instead.
    assert usage.stale == {"广西||gx_list|单位参保登记": "cccccccccccccccc"}
    assert decided.find("cccccccccccccccc", "广西||gx_list|单位参保登记").canonical_id == "YB-0101"
