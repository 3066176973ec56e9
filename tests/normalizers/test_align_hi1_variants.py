"""Rules learnt from H1 and I1, the halves of the seventh and eighth held-out sets released for
learning, and from wordings of services the catalog lacks written to find what would be
accepted wrongly (docs/heldout_names.md, "Rules learnt from H1 and I1"). Each rule is written
for a class of wordings, so it is checked here on other wordings of that class: none of them
is a wording of any labelled set (H2 and I2 included, held out when these rules were written)."""

from __future__ import annotations

import pytest

from normalizers.alignment.align import match_name, match_names
from tests.normalizers.alignment_helpers import assert_in_no_labelled_set

ACCEPTED = [
    # medical aid named by the care it pays for
    ("门诊医疗救助申请", "医疗救助对象待遇核准支付"),
    ("住院医疗救助", "医疗救助对象待遇核准支付"),
    ("门诊救助申请", "医疗救助对象待遇核准支付"),
    # costs paid first elsewhere and claimed back at home: the manual reimbursement
    ("异地住院垫付后报销", "住院费用报销"),
    # paying alone after leaving a job: joining as a flexible worker
    ("离职后医保自己续缴", "职工参保登记"),
    # signing the agreement is applying to be designated
    ("零售药店签订医保协议", "零售药店申请定点协议管理"),
    ("诊所和医保局签协议", "医疗机构申请定点协议管理"),
    ("民营医院签订医保服务协议", "医疗机构申请定点协议管理"),
    # the relation moved by another name or moved back
    ("医保关系调动", "基本医疗保险关系转移接续"),
    ("医保关系转回老家", "基本医疗保险关系转移接续"),
    ("职工医保从外省转到本地", "基本医疗保险关系转移接续"),
    # care across provinces filed: the filing for care elsewhere
    ("跨省就医备案申请", "异地安置退休人员备案"),
    # the legal representative and a phone number are registered information
    ("单位法人代表变更", "单位参保信息变更登记"),
    ("法定代表人信息变更", "单位参保信息变更登记"),
    ("医保预留手机号修改", "职工参保信息变更登记"),
    # 交费 is 缴费; the community's insurance is the residents'
    ("居民医保交费", "城乡居民参保登记"),
    ("社区医保缴费", "城乡居民参保登记"),
    ("停交社区医保", "城乡居民参保登记"),
    ("社区医保报销", "住院费用报销"),
    # paying again after a gap is the back payment
    ("医保断缴后重新缴费", "医疗保险费补缴"),
    # whoever pays back, it is the back payment
    ("居民医保补缴", "医疗保险费补缴"),
    # an insured man's spouse's childbirth costs
    ("男职工配偶生育医疗费报销", "生育医疗费支付"),
    # doing a service for the first time is doing it
    ("新生儿首次参保", "城乡居民参保登记"),
]

PROPOSED = [
    # in review for a weaker score, with the right proposal
    ("在外地看病回来报销", "住院费用报销"),
    ("外地就医回参保地报销", "住院费用报销"),
    ("个体工商户参加职工医保", "职工参保登记"),
    ("自由职业者医保缴费", "职工参保登记"),
    ("辞职后自己交职工医保", "职工参保登记"),
    ("宝宝医保卡怎么办理", "城乡居民参保登记"),
    ("单位漏缴员工医保两个月", "医疗保险费补缴"),
    ("男职工未就业配偶生育医疗费用待遇", "生育医疗费支付"),
    # making up the missing years is the back payment
    ("一次性补足医保缴费年限", "医疗保险费补缴"),
    ("医保补足年限", "医疗保险费补缴"),
]

# the employees' supplementary insurance of large costs, mutual aid, the housing fund and
# long-term care: no catalog service
ANOTHER_SCHEME = [
    "职工大额医疗费用补助申领",
    "大额医疗费用补助",
    "城镇职工大额医疗保险报销",
    "职工医疗互助保障",
    "大额补充医疗保险",
    "住房公积金转移接续",
    "公积金账户转移",
    "长护费用结算",
    "保險對象轉入",
]

# another thing moved, or costs the catalog does not name: what is done, not to what
ACT_WITHOUT_OBJECT = [
    ("人事档案转移", "基本医疗保险关系转移接续"),
    ("户口迁移", "基本医疗保险关系转移接续"),
    ("党组织关系转移", "基本医疗保险关系转移接续"),
    ("学籍转移", "基本医疗保险关系转移接续"),
    ("疫苗费用报销", "住院费用报销"),
    ("护工费用报销", "住院费用报销"),
]

# continuing one's insurance is a person's, never the employer's registration
CONTINUED = ["换新单位后医保续保", "到新公司续交医保", "新单位续缴医保"]

# choosing a designated hospital or pharmacy uses a designation
CHOSEN = ["选定点医院", "定点医疗机构选择", "定点药店选择"]

# a designated institution's own details are kept under its agreement
INSTITUTION_DETAILS = ["定点药店法人代表变更", "医疗机构法定代表人变更", "医院经办人变更"]

# students and children are insured with the residents' insurance
RESIDENTS_GROUP = ["学生参保信息变更", "职工子女参保", "职工子女医保"]

# the maternity benefits without saying which are several catalog items
MATERNITY_BENEFITS = ["生育待遇申领", "生育险待遇"]

# a named chronic disease's outpatient costs point to the chronic and special disease scheme
NAMED_DISEASE = ["糖尿病门诊报销", "高血压门诊费用报销", "门诊透析报销"]

# how a question asks is not what it asks about
QUESTIONS = [("生育津贴如何申请", "生育津贴支付"), ("个人账户怎么支取", "参保人员个人账户一次性支取")]

# a voucher or receipt of a filing is not the filing
FILING_PAPER = ["异地就医备案凭证", "异地备案回执"]

# the online service hall's account is no insurance registration
ONLINE_ACCOUNT = ["单位网厅注册", "单位用户注册", "单位网上服务大厅注册"]

# a patient moved to a hospital is referred, not the relation moved
CARE_MOVED = ["转回本地医院治疗", "转到本地医院住院"]


def test_the_checked_wordings_are_in_no_labelled_set() -> None:
    checked = (
        {name for name, _ in ACCEPTED}
        | {name for name, _ in PROPOSED}
        | set(ANOTHER_SCHEME)
        | {name for name, _ in ACT_WITHOUT_OBJECT}
        | set(CONTINUED)
        | set(CHOSEN)
        | set(INSTITUTION_DETAILS)
        | set(ONLINE_ACCOUNT)
        | set(CARE_MOVED)
        | set(RESIDENTS_GROUP)
        | set(MATERNITY_BENEFITS)
        | set(FILING_PAPER)
        | set(NAMED_DISEASE)
        | {name for name, _ in QUESTIONS}
        | {"普通门诊报销"}
        | {"儿童医保信息修改"}
        | {"新成立公司医保开户", "企业注册医保账户", "参保关系省外转入", "医疗费用报销"}
        | {"医保转入", "参保人员转入", "员工续缴医保", "用人单位补缴"}
    )
    assert_in_no_labelled_set(checked)


@pytest.mark.parametrize(("name", "expected"), ACCEPTED)
def test_wordings_of_a_learnt_class_are_accepted_as_their_catalog_item(
    name: str, expected: str
) -> None:
    match = match_name(name)
    assert match.canonical_name == expected
    assert match.accepted, match.review_reason


@pytest.mark.parametrize(("name", "expected"), PROPOSED)
def test_wordings_of_a_learnt_class_are_proposed_as_their_catalog_item(
    name: str, expected: str
) -> None:
    assert match_name(name).canonical_name == expected


@pytest.mark.parametrize("name", ANOTHER_SCHEME)
def test_another_scheme_gets_no_catalog_item(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name is None
    assert not match.accepted


@pytest.mark.parametrize(("name", "guess"), ACT_WITHOUT_OBJECT)
def test_an_act_said_of_nothing_the_catalog_names_stays_a_guess_for_review(
    name: str, guess: str
) -> None:
    match = match_name(name)
    assert match.canonical_name == guess
    assert match.needs_review
    assert "nothing the catalog names" in (match.review_reason or "")


@pytest.mark.parametrize(
    "name", ["医保转入", "参保人员转入", "参保关系省外转入", "医疗费用报销"]
)
def test_an_act_said_of_the_insurance_its_relation_or_people_is_still_accepted(
    name: str,
) -> None:
    # The insurance named (医保), the relation (参保关系) or people (人员) is an object the
    # catalog knows, and a word of form alone with the act is the catalog's own wording (费用).
    assert match_name(name).accepted


def test_where_an_act_goes_says_no_more_than_the_act_alone() -> None:
    scoped, bare = match_names(["省际转出", "转出"])
    assert not scoped.accepted
    assert not bare.accepted


@pytest.mark.parametrize("name", CONTINUED)
def test_continuing_ones_insurance_is_never_accepted_as_the_employers_registration(
    name: str,
) -> None:
    match = match_name(name)
    assert not (match.accepted and match.canonical_name == "单位参保登记")


def test_an_employee_continuing_is_still_accepted_as_the_employees_registration() -> None:
    match = match_name("员工续缴医保")
    assert match.canonical_name == "职工参保登记"
    assert match.accepted, match.review_reason


def test_a_new_employer_opening_its_account_is_still_its_registration() -> None:
    for name in ("新成立公司医保开户", "企业注册医保账户"):
        match = match_name(name)
        assert match.canonical_name == "单位参保登记"
        assert match.accepted, match.review_reason


@pytest.mark.parametrize("name", CHOSEN)
def test_choosing_a_designated_hospital_is_no_designation(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name is None
    assert not match.accepted


@pytest.mark.parametrize("name", INSTITUTION_DETAILS)
def test_an_institutions_own_details_are_no_employers_registered_information(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name is None
    assert not match.accepted


@pytest.mark.parametrize("name", ONLINE_ACCOUNT)
def test_an_online_halls_account_is_no_insurance_registration(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name is None
    assert not match.accepted


@pytest.mark.parametrize("name", CARE_MOVED)
def test_a_patient_moved_to_a_hospital_is_never_accepted_as_the_transfer(name: str) -> None:
    match = match_name(name)
    assert not match.accepted


def test_an_employers_back_payment_keeps_its_reading_by_content() -> None:
    # 用人单位补缴 (单位补缴) names the employer: its reading by name is unchanged, proposed
    # for review unless content confirms it (tests/normalizers/test_align.py).
    match = match_name("用人单位补缴")
    assert match.canonical_name == "医疗保险费补缴"
    assert match.needs_review


@pytest.mark.parametrize("name", RESIDENTS_GROUP)
def test_students_and_children_are_never_accepted_for_an_employees_service(name: str) -> None:
    match = match_name(name)
    assert not match.accepted
    assert any(w in (match.review_reason or "") for w in ("学生", "子女"))


def test_a_childs_change_is_still_accepted_as_the_residents_change() -> None:
    match = match_name("儿童医保信息修改")
    assert match.canonical_name == "城乡居民参保信息变更登记"
    assert match.accepted, match.review_reason


@pytest.mark.parametrize("name", MATERNITY_BENEFITS)
def test_the_maternity_benefits_without_saying_which_name_several_items(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name is None
    assert match.needs_review
    assert {c.canonical_name for c in match.candidates} >= {"生育医疗费支付", "生育津贴支付"}


@pytest.mark.parametrize("name", FILING_PAPER)
def test_a_voucher_or_receipt_of_a_filing_is_not_the_filing(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name is None
    assert not match.accepted


@pytest.mark.parametrize("name", NAMED_DISEASE)
def test_a_named_diseases_outpatient_costs_are_never_accepted_as_the_manual_reimbursement(
    name: str,
) -> None:
    match = match_name(name)
    assert not match.accepted
    assert "门诊慢特病病种待遇认定" in (match.review_reason or "")


def test_ordinary_outpatient_costs_are_still_accepted_as_the_manual_reimbursement() -> None:
    match = match_name("普通门诊报销")
    assert match.canonical_name == "门诊费用报销"
    assert match.accepted, match.review_reason


@pytest.mark.parametrize(("name", "expected"), QUESTIONS)
def test_a_question_names_the_service_it_asks_about(name: str, expected: str) -> None:
    match = match_name(name)
    assert match.canonical_name == expected
    assert match.accepted, match.review_reason
