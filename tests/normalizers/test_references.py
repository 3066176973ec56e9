"""One spelling per law, document number and material, on the samples' own variants; and
what the published tables make of them, queried as the README does."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from govguide.core.models import GuideItem
from govguide.dataset import schema, store
from normalizers.references import doc_number, law_title, material_name
from normalizers.time_limits import declared_none, limit_status
from tests.conftest import extracted, sample_files


@pytest.mark.parametrize(
    ("variants", "canonical"),
    [
        (["社会保险征缴暂行条例", "《社会保险费征缴暂行条例》"], "社会保险费征缴暂行条例"),
        (["社会保险法", "中华人民共和国社会保险法"], "中华人民共和国社会保险法"),
        (
            [
                "人力资源和社会保障部财政部关于做好基本医疗保险跨省异地就医住院医疗费用直接结算工作的通知",
                "人力资源社会保障部财政部关于做好基本医疗保险跨省异地就医住院医疗费用直接结算工作的通知",
            ],
            "人力资源社会保障部财政部关于做好基本医疗保险跨省异地就医住院医疗费用直接结算工作的通知",
        ),
        (
            ["关于印发<外国人在中国永久居留享有相关待遇的办法>的通知"],
            "关于印发《外国人在中国永久居留享有相关待遇的办法》的通知",
        ),
    ],
)
def test_law_titles_have_one_spelling(variants: list[str], canonical: str) -> None:
    assert {law_title(v) for v in variants} == {canonical}


def test_document_numbers_have_one_spelling() -> None:
    assert {
        doc_number(d) for d in ("主席令35号", "中华人民共和国主席令第三十五号", "主席令第35号")
    } == {"主席令第35号"}
    assert doc_number("浙医保联发﹝2019﹞19号") == "浙医保联发〔2019〕19号"
    assert doc_number("人社部发[2016]120号") == "人社部发〔2016〕120号"
    assert doc_number("中华人民共和国人力资源和社会保障部令第14号") == "人力资源社会保障部令第14号"
    # Different numbers stay different: a wrong citation is not silently corrected.
    assert doc_number("国务院令第259号") != doc_number("国务院令第260号")
    assert doc_number(None) is None


def test_material_names_for_counting() -> None:
    same = [
        "《个人参保信息变更承诺书》",
        "个人参保信息变更承诺书。",
        "个人参保信息变更承诺书（原件）",
    ]
    assert {material_name(m) for m in same} == {"个人参保信息变更承诺书"}
    assert material_name("居民身份证原件及复印件") == "居民身份证"
    assert material_name("营业执照副本复印件") == "营业执照副本"
    assert material_name("户口簿") != material_name("居民身份证")
    # Wordings of one material in the samples.
    entrusted = {
        "医保电子凭证或有效身份证件或社保卡；委托他人办理的提供双方身份证件",
        "医保电子凭证或有效身份证件或社保卡；委托他人办理的需提供双方身份证件",
        "医保电子凭证或有效身份证件或社保卡；委托他人办理提供双方身份证件",
    }
    assert len({material_name(m) for m in entrusted}) == 1
    assert material_name("出国定居提供：护照或永久居留证") == material_name(
        "出国定居的提供护照或永久居留证"
    )
    assert material_name("基本医疗保险单位参保信息登记表（加盖单位公章）原件一份") == (
        "基本医疗保险单位参保信息登记表（加盖单位公章）"
    )
    # What tells two materials apart is kept.
    assert material_name("单位职工医疗保险增员申报表") != material_name(
        "单位职工医疗保险减员申报表"
    )


def test_a_limit_the_guide_says_is_none_is_told_from_one_not_stated() -> None:
    text = "（一）法定时限 无 （二）承诺时限 5个工作日（申报期结束后）"
    assert declared_none(text) == {"legal"}
    assert limit_status(None, "legal", text) == "none"
    assert limit_status(5, "promised", text) == "stated"
    assert limit_status(None, "legal", "5个工作日") == "not stated"
    assert limit_status(None, "promised", None) == "not stated"
    assert declared_none("法律法规未作规定") == {"promised"}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    items: list[GuideItem] = []
    for path in sample_files():
        items += [
            it.model_copy(update={"source_file": f"samples/{path.name}"})
            for it in extracted(path).items
        ]
    out = tmp_path_factory.mktemp("curated")
    store.publish(out, schema.items_to_tables(items))
    return out / "latest"


def test_the_citation_query_finds_every_spelling(published: Path) -> None:
    rows = duckdb.sql(
        f"""SELECT DISTINCT province, item_name, title_as_written, doc_number, articles
        FROM '{published}/legal_basis.parquet'
        WHERE title = '社会保险费征缴暂行条例' ORDER BY province, item_name"""
    ).fetchall()
    written = {r[2] for r in rows}
    assert written == {"社会保险征缴暂行条例", "社会保险费征缴暂行条例"}
    law = duckdb.sql(
        f"""SELECT DISTINCT doc_number, doc_number_as_written
        FROM '{published}/legal_basis.parquet' WHERE title = '中华人民共和国社会保险法'"""
    ).fetchall()
    assert {d for d, _ in law} == {"主席令第35号"}
    assert {w for _, w in law} >= {"主席令第35号", "中华人民共和国主席令第三十五号", "主席令35号"}


def test_days_unit_and_limit_status_in_the_items_table(published: Path) -> None:
    rows = duckdb.sql(
        f"""SELECT province, legal_days, promised_days, days_unit, legal_days_status,
        promised_days_status, time_limit_text FROM '{published}/items.parquet'"""
    ).fetchall()
    for _, legal, promised, unit, legal_status, promised_status, _ in rows:
        assert (unit is None) == (legal is None and promised is None)
        assert (legal_status == "stated") == (legal is not None)
        assert (promised_status == "stated") == (promised is not None)
    # 重庆's guide states no limits; 浙江's says of some 法定时限 无.
    cq = {r[3:6] for r in rows if r[0] == "重庆"}
    assert cq == {(None, "not stated", "not stated")}
    zj_none = [r for r in rows if r[0] == "浙江" and r[4] == "none"]
    assert zj_none and all("法定时限 无" in r[6] for r in zj_none)
