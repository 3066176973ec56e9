"""Rules learnt from M2, released for learning after it was measured blind three times
(docs/heldout_names.md, "M2, read after its release"). One is a gate on accepting: the
certificate of insurance (参保凭证, 医保凭证) named without a word of issuing it or of the transfer
it is issued for may be a proof of insurance printed from one's record, so it goes to review with
its proposal. The others read classes of wordings: the online hall or a platform named as the
channel of an act, new people added, the place of insurance changed, a social-insurance subsidy,
a hospital chosen for a chronic disease and the electronic voucher's place changed. Each is
checked here on other wordings of its class, none of them a wording of any labelled set."""

from __future__ import annotations

from pathlib import Path

import pytest

from normalizers.alignment.align import match_name, match_names
from normalizers.alignment.catalog import load_catalog
from normalizers.alignment.tokenize import read_reference_text
from tests.normalizers.alignment_helpers import assert_in_no_labelled_set

# The certificate named alone, with a place, the insurance or whose it is, or the generic 办理:
# the certificate issued for a transfer or a proof from one's record, which a person says.
CERTIFICATE_ALONE = [
    "上海医保参保凭证",
    "职工医保参保凭证",
    "城乡居民医保参保凭证办理",
    "深圳医疗保障参保凭证",
    "医保凭证",
]

# ... while a word of issuing it (开具, 打印, 下载, 申请) or of the transfer keeps it accepted.
CERTIFICATE_ISSUED = [
    "医保凭证打印",
    "开具医保参保凭证",
    "参保凭证下载",
    "申请参保凭证",
    "跨省转移参保凭证",
    "医保转移接续参保凭证",
]

# The online hall or a platform is the channel an employer adds its staff through: the act
# decides (网厅增员 is the employees' registration), not the channel.
THROUGH_A_CHANNEL = [
    "医保网厅增员",
    "单位医保网厅减员",
    "医保服务平台新增人员",
]

# ... while the hall's own account (网厅注册) is still no insurance registration.
HALL_ACCOUNT = ["单位网厅注册"]

# New people or staff added (添加新人员, 增加新员工) are the headcount going up.
NEW_PEOPLE_ADDED = [
    "单位添加新员工参保",
    "企业增加新员工医保",
    "公司添加新人员",
]

# Changing where one is insured (更换参保地, 变更参保地) is the transfer of the relation.
PLACE_CHANGED = ["更换医保参保地", "大学毕业变更参保地"]

# A social-insurance subsidy is an employment service, no registration.
SUBSIDY = ["灵活就业社会保险补贴申领", "社保补贴申请", "就业困难人员社会保险补贴"]

# Choosing the hospital a recognised chronic disease is treated at is not the recognition.
HOSPITAL_CHOSEN = ["门诊慢特病定点医院选定", "门诊特殊病种定点医疗机构改选", "慢特病定点医院重选"]

# The place of insurance changed on the electronic voucher is the voucher's: no transfer.
VOUCHER_PLACE = ["医保电子凭证变更参保地", "医保码更改参保地"]


def test_the_checked_wordings_are_in_no_labelled_set() -> None:
    checked = (
        set(CERTIFICATE_ALONE)
        | set(CERTIFICATE_ISSUED)
        | set(THROUGH_A_CHANNEL)
        | set(HALL_ACCOUNT)
        | set(NEW_PEOPLE_ADDED)
        | set(PLACE_CHANGED)
        | set(SUBSIDY)
        | set(HOSPITAL_CHOSEN)
        | set(VOUCHER_PLACE)
    )
    assert_in_no_labelled_set(checked)


@pytest.mark.parametrize("name", CERTIFICATE_ALONE)
def test_the_certificate_named_alone_goes_to_review(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "出具参保凭证"
    assert not match.accepted
    assert match.review_reason is not None and "no act of issuing" in match.review_reason


@pytest.mark.parametrize("name", CERTIFICATE_ISSUED)
def test_the_certificate_issued_or_transferred_is_accepted(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "出具参保凭证"
    assert match.accepted, match.review_reason


def test_without_the_gate_the_certificate_alone_would_be_accepted(tmp_path: Path) -> None:
    # The gate, and nothing else, keeps it from being accepted: with the documents taken out of
    # the rules the same name is accepted as the catalog's certificate.
    text = read_reference_text("synonyms.toml")
    kept = [line for line in text.splitlines() if not line.startswith("documents = ")]
    assert len(kept) < len(text.splitlines())
    synonyms = tmp_path / "synonyms.toml"
    synonyms.write_text("\n".join(kept), encoding="utf-8")
    (match,) = match_names(["上海医保参保凭证"], load_catalog(synonyms_path=synonyms))
    assert match.canonical_name == "出具参保凭证"
    assert match.accepted


@pytest.mark.parametrize("name", THROUGH_A_CHANNEL + NEW_PEOPLE_ADDED)
def test_staff_added_through_any_channel_is_the_employees_registration(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "职工参保登记"
    assert match.accepted, match.review_reason


@pytest.mark.parametrize("name", HALL_ACCOUNT)
def test_the_halls_own_account_is_still_no_registration(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name is None
    assert not match.accepted


@pytest.mark.parametrize("name", PLACE_CHANGED)
def test_changing_the_place_of_insurance_is_the_transfer(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "基本医疗保险关系转移接续"
    assert match.accepted, match.review_reason


@pytest.mark.parametrize("name", SUBSIDY + HOSPITAL_CHOSEN + VOUCHER_PLACE)
def test_a_service_outside_the_catalog_gets_no_item(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name is None, match.review_reason
    assert not match.accepted
