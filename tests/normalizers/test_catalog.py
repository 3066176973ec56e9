"""The canonical catalog: its data, version, validation and the ``govguide catalog`` command."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govguide.cli import app
from normalizers.alignment.catalog import (
    CatalogError,
    default_catalog,
    load_catalog,
    parse_catalog_csv,
)

ROOT = Path(__file__).resolve().parents[2]
PACKAGED = ROOT / "normalizers" / "reference" / "catalog.csv"

# The national list's sub-items as the issue names them.
ISSUE_NAMES = """单位参保登记 职工参保登记 城乡居民参保登记 单位参保信息变更登记 职工参保信息变更登记
城乡居民参保信息变更登记 参保单位参保信息查询 参保人员参保信息查询 参保人员个人账户一次性支取
出具参保凭证 基本医疗保险关系转移接续 异地安置退休人员备案 异地长期居住人员备案
常驻异地工作人员备案 异地转诊人员备案 门诊慢特病病种待遇认定 门诊费用报销 住院费用报销
生育医疗费支付 计划生育医疗费支付 生育津贴支付 医疗救助对象待遇核准支付
医疗机构申请定点协议管理 零售药店申请定点协议管理 定点医疗机构费用结算 定点零售药店费用结算
基本医疗保险缴费工资申报 医疗保险费补缴""".split()


def test_catalog_has_exactly_the_national_names() -> None:
    catalog = default_catalog()
    assert sorted(e.canonical_name for e in catalog.entries) == sorted(ISSUE_NAMES)
    assert len({e.id for e in catalog.entries}) == len(catalog)
    assert all(e.main_item for e in catalog.entries)


def test_every_entry_resolves_by_id_and_by_name() -> None:
    catalog = default_catalog()
    for entry in catalog.entries:
        assert catalog.get(entry.id) is entry
        assert catalog.get(entry.canonical_name) is entry
    assert catalog.get("不存在的事项") is None
    with pytest.raises(CatalogError):
        catalog.entry("不存在的事项")


def test_data_copy_is_the_packaged_catalog() -> None:
    # data/reference/catalog.csv is the copy people read; the package loads its own.
    assert (ROOT / "data" / "reference" / "catalog.csv").read_bytes() == PACKAGED.read_bytes()


def test_version_is_declared_plus_content_hash(tmp_path: Path) -> None:
    catalog = default_catalog()
    declared, _ = parse_catalog_csv(PACKAGED.read_text(encoding="utf-8"))
    assert catalog.version.startswith(declared + "+")
    edited = tmp_path / "catalog.csv"
    edited.write_text(
        PACKAGED.read_text(encoding="utf-8").replace("单位社会保险登记|", ""), encoding="utf-8"
    )
    other = load_catalog(edited)
    assert other.version.startswith(declared + "+")
    assert other.version != catalog.version
    assert load_catalog(PACKAGED).version == catalog.version


def test_no_two_entries_share_a_normalised_wording() -> None:
    # Two entries with the same wording would make that wording's matches a coin toss.
    catalog = default_catalog()
    owners: dict[str, set[str]] = {}
    for form in catalog.index.forms:
        if form.kind != "umbrella":
            owners.setdefault(form.norm, set()).add(catalog.entries[form.entry].id)
    shared = {norm: ids for norm, ids in owners.items() if len(ids) > 1}
    assert shared == {}


def test_umbrellas_name_known_entries_and_include_main_items() -> None:
    catalog = default_catalog()
    wordings = {u.wording: u.member_ids for u in catalog.umbrellas}
    assert wordings["异地就医备案"][0] == catalog.entry("异地安置退休人员备案").id
    assert len(wordings["异地就医备案"]) == 4
    # a main item naming several sub-items is a group wording for them
    assert set(wordings["定点医药机构费用结算"]) == {
        catalog.entry("定点医疗机构费用结算").id,
        catalog.entry("定点零售药店费用结算").id,
    }
    # a main item that is also a sub-item's name is not
    assert "基本医疗保险关系转移接续" not in wordings


@pytest.mark.parametrize(
    ("csv_text", "message"),
    [
        ("id,canonical_name,main_item,aliases,covers\nA,甲,主,,B\n", "covers unknown"),
        (
            "id,canonical_name,main_item,aliases,covers\nA,甲,主,,\nA,乙,主,,\n",
            "duplicate catalog id",
        ),
        (
            "id,canonical_name,main_item,aliases,covers\nA,甲,主,,\nB,甲,主,,\n",
            "duplicate catalog canonical name",
        ),
        ("id,name\nA,甲\n", "lacks columns"),
    ],
)
def test_inconsistent_catalogs_are_refused(tmp_path: Path, csv_text: str, message: str) -> None:
    path = tmp_path / "catalog.csv"
    path.write_text(csv_text, encoding="utf-8")
    with pytest.raises(CatalogError, match=message):
        load_catalog(path)


def test_umbrella_with_unknown_member_is_refused(tmp_path: Path) -> None:
    synonyms = tmp_path / "synonyms.toml"
    synonyms.write_text('[[umbrella]]\nwording = "某某"\nmembers = ["不存在"]\n', encoding="utf-8")
    with pytest.raises(CatalogError, match="unknown items"):
        load_catalog(synonyms_path=synonyms)


def test_words_naming_other_than_one_item_are_refused(tmp_path: Path) -> None:
    # A word names its item where nothing else of a name scores: it must name exactly one.
    synonyms = tmp_path / "synonyms.toml"
    synonyms.write_text(
        '[[discriminating]]\nwords = ["某词"]\nmarks = ["单位参保登记", "职工参保登记"]\n'
        'against = ["城乡居民参保登记"]\nnames = true\n',
        encoding="utf-8",
    )
    with pytest.raises(CatalogError, match="one item marked"):
        load_catalog(synonyms_path=synonyms)


def test_cli_prints_catalog_as_csv_and_json() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["catalog", "--format", "csv"])
    assert result.exit_code == 0, result.output
    # Plain CSV on stdout, readable as it is; the version on stderr.
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["id"] for r in rows] == [e.id for e in default_catalog().entries]
    assert rows[0]["canonical_name"] == default_catalog().entries[0].canonical_name
    assert f"catalog version {default_catalog().version}" in result.stderr

    result = runner.invoke(app, ["catalog", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["version"] == default_catalog().version
    names = [e["canonical_name"] for e in data["entries"]]
    assert sorted(names) == sorted(ISSUE_NAMES)
    maternity = next(e for e in data["entries"] if e["canonical_name"] == "生育医疗费支付")
    assert maternity["covers"] == [default_catalog().entry("计划生育医疗费支付").id]


def test_cli_table_and_bad_path(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["catalog"])
    assert result.exit_code == 0
    assert f"{len(default_catalog())} items" in result.output
    assert all(e.id in result.output for e in default_catalog().entries)
    result = runner.invoke(app, ["catalog", "--path", str(tmp_path / "missing.csv")])
    assert result.exit_code == 1
