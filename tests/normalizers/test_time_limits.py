import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizers.time_limits import (
    TimeLimit,
    parse_days,
    parse_legal_promised,
    parse_time_limit,
    process_limit_clause,
    time_limit_from_case_type,
)

GOLD = json.loads(
    (Path(__file__).parents[1] / "fixtures" / "gold_seeds.json").read_text(encoding="utf-8")
)


def _conditions(tl: TimeLimit) -> list[tuple[str, int]]:
    return [(c.condition, c.days) for c in tl.conditions]


# Cells and sections as the seed documents' extraction gives them (line breaks, blank lines,
# ideographic spaces, PDF spaces inside phrases), with the gold reading.
SEED_TEXTS = [
    # 广西 list, 办理时限 column: one limit without a label → promised.
    ("即时办结", "即时办结", None, 0, []),
    ("5个工作日", "5个工作日", None, 5, []),
    ("不超过30个工作日\n", "不超过30个工作日", None, 30, []),
    (
        "（一）企业：即时办结　　　　（二）机关事业：5个工作日",
        "（一）企业：即时办结 （二）机关事业：5个工作日",
        None,
        5,
        [("企业", 0), ("机关事业", 5)],
    ),
    (
        "（一）灵活就业人员：即时办结　　　　（二）单位职工：5个工作日",
        "（一）灵活就业人员：即时办结 （二）单位职工：5个工作日",
        None,
        5,
        [("灵活就业人员", 0), ("单位职工", 5)],
    ),
    (
        "（一）除异地急诊备案外，即时办结\n（二）异地急诊备案的，5个工作日",
        "（一）除异地急诊备案外，即时办结 （二）异地急诊备案的，5个工作日",
        None,
        5,
        [("除异地急诊备案外", 0), ("异地急诊备案的", 5)],
    ),
    # 浙江 compilation, 十一、办理时限 section: labelled legal and promised limits.
    (
        " \n\n（一） 法定时限 \n\n不超过 5个工作日内 \n\n（二） 承诺时限 \n\n即时办结 \n",
        "（一）法定时限 不超过5个工作日内 （二）承诺时限 即时办结",
        5,
        0,
        [],
    ),
    (
        " \n\n（一）法定时限 \n\n无 \n\n（二）承诺时限 \n\n5个工作日（申报期结束后） \n",
        "（一）法定时限 无 （二）承诺时限 5个工作日（申报期结束后）",
        None,
        5,
        [],
    ),
    (
        " \n\n（一）法定时限 \n\n不超过 30个工作日内。 \n\n（二）承诺时限 \n\n不超过 20个工作日内 \n",
        "（一）法定时限 不超过30个工作日内。 （二）承诺时限 不超过20个工作日内",
        30,
        20,
        [],
    ),
    (
        " \n\n（一）法定时限 \n\n不超过 20个工作日 \n\n（二）承诺时限 \n\n即时办理 \n",
        "（一）法定时限 不超过20个工作日 （二）承诺时限 即时办理",
        20,
        0,
        [],
    ),
    (
        " \n\n（一）法定时限 \n\n不超过 30个工作日 \n\n（二）承诺时限 \n\n"
        "不超过 20个工作日（与医疗费用零星报销同步办结） \n",
        "（一）法定时限 不超过30个工作日 （二）承诺时限 不超过20个工作日（与医疗费用零星报销同步办结）",
        30,
        20,
        [],
    ),
    (
        " \n\n（一）法定时限 \n\n90个工作日 \n\n（二）承诺时限 \n\n不超过 20个工作日 \n",
        "（一）法定时限 90个工作日 （二）承诺时限 不超过20个工作日",
        90,
        20,
        [],
    ),
    # 广西 portal: 办件类型 value read as a limit text.
    ("即办件", "即办件", None, 0, []),
]


@pytest.mark.parametrize(("raw", "text", "legal", "promised", "conditions"), SEED_TEXTS)
def test_seed_texts(raw, text, legal, promised, conditions) -> None:
    tl = parse_time_limit(raw)
    assert tl.text == text
    assert (tl.legal_days, tl.promised_days) == (legal, promised)
    assert _conditions(tl) == conditions
    assert tl.days_unit == "working"
    assert tl.warnings == []


@pytest.mark.parametrize(
    "item", [g for g in GOLD if g["time_limit_text"]], ids=lambda g: f"{g['seed']}-{g['item_name']}"
)
def test_every_gold_time_limit_text(item: dict) -> None:
    tl = parse_time_limit(item["time_limit_text"])
    assert tl.text == item["time_limit_text"]
    assert tl.legal_days == item["legal_days"]
    assert tl.promised_days == item["promised_days"]
    assert [c.model_dump() for c in tl.conditions] == item["time_limit_conditions"]
    assert tl.days_unit == item.get("days_unit", "working")


# Wordings other provinces use.
@pytest.mark.parametrize(
    ("raw", "legal", "promised"),
    [
        ("十五个工作日", None, 15),
        ("二十个工作日内办结", None, 20),
        ("不超过 5个工作日内", None, 5),
        ("5 个工作日", None, 5),
        ("５个工作日", None, 5),
        ("两个工作日", None, 2),
        ("N/A 3个工作日", None, 3),
        ("自受理之日起20个工作日内办结", None, 20),
        ("当场办结", None, 0),
        ("即办", None, 0),
        ("立即办理", None, 0),
        ("当场办理", None, 0),
        ("3-5个工作日", None, 5),
        ("不超过20个工作日，其中公示5个工作日", None, 20),
        ("不超过20个工作日（含公示期5个工作日）", None, 20),
        ("法定期限：20个工作日；承诺期限：5个工作日", 20, 5),
        ("法定办结时限：20个工作日\n承诺办结时限：即时办结", 20, 0),
        ("承诺办结时限：３个工作日", None, 3),
        ("法定20个工作日，承诺即办", 20, 0),
        ("1. 法定时限：15个工作日 2. 承诺时限：10个工作日", 15, 10),
        ("承诺时限：5个工作日（法定时限：20个工作日）", 20, 5),
    ],
)
def test_other_wordings(raw: str, legal, promised) -> None:
    tl = parse_time_limit(raw)
    assert (tl.legal_days, tl.promised_days) == (legal, promised)
    assert tl.warnings == []


def test_conditional_without_numbering() -> None:
    tl = parse_time_limit("个人即时办结；单位5个工作日")
    assert _conditions(tl) == [("个人", 0), ("单位", 5)]
    assert tl.promised_days == 5
    tl = parse_time_limit("个人办理即时办结，单位办理十个工作日内办结")
    assert _conditions(tl) == [("个人办理", 0), ("单位办理", 10)]
    assert tl.promised_days == 10


@pytest.mark.parametrize(
    "raw", ["无", "法律法规未作规定", "/", "／", "—", "暂无", "无法定时限", "不适用"]
)
def test_nothing_stated_is_none_without_warning(raw: str) -> None:
    tl = parse_time_limit(raw)
    assert (tl.legal_days, tl.promised_days, tl.conditions) == (None, None, [])
    assert tl.text == raw
    assert tl.warnings == []


@pytest.mark.parametrize("raw", [None, "", "  \n\u3000"])
def test_empty_is_empty(raw) -> None:
    assert parse_time_limit(raw) == TimeLimit()


@pytest.mark.parametrize(
    "raw",
    [
        # durations of single steps inside a process text (重庆 guide)
        "初审人在5个工作日内审核医疗费用明细, 将费用情况录入医保系统, 复审人员在2个工作日内完成复核, 并生成《个人结算单》。",
        "医保经办机构业务部门在2个工作日内完成结算，生成《重庆市生育保险手工结算支付表》",
        "3个月",
        "2小时内",
        "按协议执行",
        "承诺件",
        "2021年10月28日",
        "5个工作日内受理，20个工作日内办结",
    ],
)
def test_unreadable_limits_are_none_with_a_warning(raw: str) -> None:
    tl = parse_time_limit(raw)
    assert (tl.legal_days, tl.promised_days, tl.conditions) == (None, None, [])
    assert tl.warnings


@pytest.mark.parametrize(
    ("raw", "days"),
    [
        ("30日", 30),
        ("30天", 30),
        ("30个自然日", 30),
        ("三十日内", 30),
        ("60个日历日", 60),
        ("2周", 14),
    ],
)
def test_natural_days_keep_their_number(raw: str, days: int) -> None:
    tl = parse_time_limit(raw)
    assert tl.promised_days == days
    assert tl.days_unit == "natural"
    assert tl.warnings == []


def test_units_are_never_mixed_silently() -> None:
    tl = parse_time_limit("法定时限：60日；承诺时限：20个工作日")
    assert (tl.legal_days, tl.promised_days, tl.days_unit) == (None, 20, "working")
    assert tl.warnings
    tl = parse_time_limit("（一）个人：30日 （二）单位：5个工作日")
    assert _conditions(tl) == [("单位", 5)]
    assert tl.promised_days == 5
    assert tl.warnings


def test_immediate_goes_with_natural_days() -> None:
    tl = parse_time_limit("法定时限：60日；承诺时限：即时办结")
    assert (tl.legal_days, tl.promised_days, tl.days_unit) == (60, 0, "natural")
    assert tl.warnings == []


def test_dates_are_not_limits() -> None:
    tl = parse_time_limit("每年10月28日前申报，5个工作日")
    assert tl.promised_days == 5


def test_default_kind_legal() -> None:
    tl = parse_time_limit("不超过20个工作日", default_kind="legal")
    assert (tl.legal_days, tl.promised_days) == (20, None)
    tl = parse_time_limit("（一）企业：即时办结 （二）机关事业：5个工作日", default_kind="legal")
    assert (tl.legal_days, tl.promised_days) == (5, None)
    assert _conditions(tl) == [("企业", 0), ("机关事业", 5)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("即时办结", (0, "working")),
        ("即办件", (0, "working")),
        ("不超过 5个工作日内", (5, "working")),
        ("十五个工作日", (15, "working")),
        ("5个工作日（申报期结束后）", (5, "working")),
        ("30日", (30, "natural")),
        ("30天", (30, "natural")),
        ("3个月", (None, "month")),
        ("2小时", (None, "hour")),
        ("无", (None, None)),
        ("", (None, None)),
        ("按规定办理", (None, None)),
    ],
)
def test_parse_days(text: str, expected) -> None:
    assert parse_days(text) == expected


def test_parse_legal_promised() -> None:
    tl = parse_legal_promised("20个工作日", "即时办结")
    assert (tl.legal_days, tl.promised_days) == (20, 0)
    assert tl.text == "法定时限 20个工作日 承诺时限 即时办结"
    tl = parse_legal_promised("法定办结时限：不超过 15个工作日", "不超过7个工作日")
    assert (tl.legal_days, tl.promised_days) == (15, 7)
    assert tl.text == "法定办结时限：不超过15个工作日 承诺时限 不超过7个工作日"
    tl = parse_legal_promised("法律法规未作规定", "（一）企业：即时办结 （二）机关事业：5个工作日")
    assert (tl.legal_days, tl.promised_days) == (None, 5)
    assert _conditions(tl) == [("企业", 0), ("机关事业", 5)]
    assert parse_legal_promised(None, "  ") == TimeLimit()


def test_time_limit_from_case_type() -> None:
    tl = time_limit_from_case_type("即办件")
    assert tl is not None
    assert (tl.text, tl.legal_days, tl.promised_days) == ("即办件", None, 0)
    assert time_limit_from_case_type("承诺件") is None
    assert time_limit_from_case_type("") is None
    assert time_limit_from_case_type(None) is None


# --------------------------------------------------------------------------- properties

_FRAGMENTS = [
    "（一）",
    "（二）",
    "(1)",
    "1.",
    "①",
    "法定时限",
    "承诺时限",
    "法定期限：",
    "承诺办结时限",
    "：",
    "，",
    "；",
    "。",
    " ",
    "\n",
    "\u3000",
    "不超过",
    "5",
    "二十",
    "十五",
    "３",
    "个",
    "工作日",
    "日",
    "天",
    "内",
    "个月",
    "小时",
    "即时办结",
    "即办件",
    "当场办结",
    "无",
    "企业",
    "机关事业单位",
    "除异地急诊备案外",
    "（申报期结束后）",
    "初审人在",
    "复审",
    "审核",
    "法律法规未作规定",
    "/",
    "(",
    ")",
    "《",
    "》",
    "其中",
    "a",
    "-",
]
limit_like = st.lists(st.sampled_from(_FRAGMENTS), max_size=16).map("".join)
any_text = st.one_of(st.text(max_size=80), limit_like)


def _check_invariants(tl: TimeLimit) -> None:
    for days in (tl.legal_days, tl.promised_days, *(c.days for c in tl.conditions)):
        assert days is None or (isinstance(days, int) and days >= 0)
    assert tl.days_unit in ("working", "natural")
    if tl.conditions:
        assert max(c.days for c in tl.conditions) in (tl.legal_days, tl.promised_days)
        assert all(c.condition for c in tl.conditions)
    if tl.text is not None:
        assert tl.text == tl.text.strip() and "  " not in tl.text and "\n" not in tl.text


@settings(max_examples=300)
@given(any_text)
def test_never_raises_and_keeps_invariants(text: str) -> None:
    tl = parse_time_limit(text)
    _check_invariants(tl)
    _check_invariants(parse_time_limit(text, default_kind="legal"))
    _check_invariants(parse_legal_promised(text, text[::-1]))
    parse_days(text)
    time_limit_from_case_type(text)


@settings(max_examples=300)
@given(any_text)
def test_reading_the_shown_text_again_changes_nothing(text: str) -> None:
    tl = parse_time_limit(text)
    if tl.text is not None:
        assert parse_time_limit(tl.text) == tl


@given(st.sampled_from(SEED_TEXTS), st.data())
def test_spaces_inside_phrases_do_not_change_the_reading(case, data) -> None:
    raw, _, legal, promised, conditions = case
    # PDF export puts spaces between CJK characters and digits at random places.
    chars = list(raw)
    positions = data.draw(
        st.sets(st.integers(min_value=1, max_value=max(1, len(chars) - 1)), max_size=6)
    )
    for pos in sorted(positions, reverse=True):
        chars.insert(pos, " ")
    tl = parse_time_limit("".join(chars))
    assert (tl.legal_days, tl.promised_days) == (legal, promised)
    assert [d for _, d in _conditions(tl)] == [d for _, d in conditions]


@pytest.mark.parametrize(
    ("text", "legal", "promised", "unit"),
    [
        ("20（工作日）", None, 20, "working"),
        ("法定办结时限：20（工作日）；承诺办结时限：5（个工作日）", 20, 5, "working"),
        ("30(自然日)", None, 30, "natural"),
    ],
)
def test_unit_in_brackets_after_the_number(
    text: str, legal: int | None, promised: int | None, unit: str
) -> None:
    # Portal tables write the number in the cell and the unit in brackets after it.
    r = parse_time_limit(text)
    assert (r.legal_days, r.promised_days, r.days_unit, r.warnings) == (legal, promised, unit, [])


# --------------------------------------------------------------------------- real phrasings
# Each text below is copied from a published page (tests/fixtures/time_limits/real_phrasings.json
# names the address); one test per kind of phrasing the parser used to misread.


@pytest.mark.parametrize(
    "text",
    [
        "广东:生育津贴一般于生育次月25日前完成申领,次月20-25日发放。",
        "单位需每月进行医保申报,申报时间通常为次月1日至15日之间,具体以当地社保部门规定为准。",
        "每年9月1日至11月30日。",
        # 中山 (m.gxscse.com): the day of the month, then the same day named on its own.
        "每个月的25日之前办理,25日后扣费,下个月即可享受医保待遇!",
    ],
)
def test_a_span_of_dates_is_a_schedule_not_a_duration(text: str) -> None:
    tl = parse_time_limit(text)
    assert (tl.legal_days, tl.promised_days) == (None, None)


@pytest.mark.parametrize(
    "text",
    [
        "自出生之日起90日内,持报销所需资料到被保险人所属经办机构报到。",
        "如果单位要为职工申办社保登记,应依法在用工之日起三十日内提出申请",
        "完成登记后,企业需在用工30日内为员工办理参保手续",
        "符合当年参保条件的人员,自取得本市户籍或符合参保条件之日起90日内。",
    ],
)
def test_a_period_counted_from_the_applicants_event_is_no_limit(text: str) -> None:
    tl = parse_time_limit(text)
    assert (tl.legal_days, tl.promised_days) == (None, None)
    assert any("apply" in w for w in tl.warnings)


@pytest.mark.parametrize(
    ("text", "days"), [("生育津贴20个工作日内办结", 20), ("公示结束后5个工作日内办结", 5)]
)
def test_a_benefit_or_an_office_step_before_the_limit_is_no_applicants_event(
    text: str, days: int
) -> None:
    assert parse_time_limit(text).promised_days == days


def test_a_period_counted_from_acceptance_stays_the_limit() -> None:
    tl = parse_time_limit("因特殊情况不能按期发放的,应当自受理之日起最长不超过30日内发放")
    assert (tl.promised_days, tl.days_unit) == (30, "natural")
    tl = parse_time_limit("去受理点办理申请受理起15个工作日内领证")
    assert (tl.promised_days, tl.days_unit) == (15, "working")


@pytest.mark.parametrize(
    "text",
    [
        "手工报销的办结时限已从原来的20个工作日缩短至 10个工作日。",
        "生育津贴的申办时限也已从原来的20个工作日缩短至 10个工作日内办结。",
    ],
)
def test_a_shortened_limit_is_the_new_one(text: str) -> None:
    assert parse_time_limit(text).promised_days == 10


@pytest.mark.parametrize(
    "text",
    [
        "受理部门自收到申请材料之日起5日内对申请材料进行审核,并决定是否受理",
        "需要补正的应当当场或者在五日内一次性告知申请人日需要补正的全部内容",
    ],
)
def test_deciding_on_acceptance_or_asking_for_papers_is_a_step(text: str) -> None:
    tl = parse_time_limit(text)
    assert (tl.legal_days, tl.promised_days) == (None, None)
    assert tl.warnings


def test_papers_completed_is_a_condition_not_a_step() -> None:
    tl = parse_time_limit(
        "材料齐全的或材料补正齐全的,自受理之日起10个工作日内完成审核报销,对报销情况复杂或特殊情况下,"
        "可延期5个工作日作出审核报销,并在作出审核报销之日起5个工作日内送达。"
    )
    assert tl.promised_days == 10


def test_a_bound_cut_before_its_unit_keeps_its_number_loudly() -> None:
    tl = parse_time_limit("不超过 1")
    assert (tl.promised_days, tl.days_unit) == (1, "working")
    assert any("unit cut off" in w for w in tl.warnings)
    # A bare number under a limit's label (a 权力清单 grid's 办理期限(承诺): | 21 |) is read the same
    # way: working days, the missing unit flagged.
    bare = parse_time_limit("21")
    assert (bare.promised_days, bare.days_unit) == (21, "working")
    assert any("unit cut off" in w for w in bare.warnings)


def test_regulated_limit_is_the_legal_one() -> None:
    tl = parse_time_limit(
        "规定时限: 案件办结的时限为60个工作日 承诺时限: 案件办结的时限为30个工作日"
    )
    assert (tl.legal_days, tl.promised_days) == (60, 30)


@pytest.mark.parametrize(
    "text", ["提交后自动审核,立即生效", "无需审核,立即生效", "随到随办", "即受即结", "即来即办"]
)
def test_done_on_the_spot_is_zero_days(text: str) -> None:
    assert parse_time_limit(text).promised_days == 0


def test_a_limit_in_months_is_not_converted() -> None:
    tl = parse_time_limit("整个申请过程大概需要一个月,部分紧急白卡还能追溯报销申请前的医疗费用。")
    assert (tl.legal_days, tl.promised_days) == (None, None)
    assert any("months" in w for w in tl.warnings)


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        # A process step that ends the whole service (西安, sz12333.net.cn).
        (
            "3、工作人员审核后受理,对申请材料齐全、符合法定形式的当场办结,并将个人账户一次性支取明细返给单位经办人。",
            "对申请材料齐全、符合法定形式的当场办结",
        ),
        # 长春 (m.1-jiu.com): a limit counted from acceptance.
        ("受理后5个工作日内完成", "受理后5个工作日内完成"),
        ("受理后5个工作日内完成审核", "受理后5个工作日内完成审核"),
        # A step's duration is not the item's limit.
        ("1.初审人在5个工作日内审核办结", None),
        ("1、受理：材料齐全的当场受理", None),
        # Two limits and nothing saying which is the item's: none.
        ("材料齐全的当场办结。需要核实的，5个工作日内办结。", None),
    ],
)
def test_the_clause_of_a_process_that_states_the_items_limit(text: str, clause: str | None) -> None:
    assert process_limit_clause(text) == clause


def test_a_date_named_again_leaves_real_durations_alone() -> None:
    # A cut-off date beside the office's own limit: the limit is still read.
    assert parse_time_limit("每月10日前提交,10个工作日内办结").promised_days == 10
    assert parse_time_limit("每月5日前申报,受理后30日内办结").promised_days == 30
