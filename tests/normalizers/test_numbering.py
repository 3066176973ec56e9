"""One numbering definition: every named piece on lines of real guides, and every reader of
numbered text (headings, list lines, the materials splitter, time limits, citations, heading
labels) agreeing on what a marker is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from govguide.core import numbering as pieces
from govguide.core.vocabulary import clean_heading
from normalizers.legal_basis import split_citations
from normalizers.materials import parse_marker, split_materials
from normalizers.numbering import LIST_STYLES, heading_number, heading_numbering, marker_number
from normalizers.text import starts_entry
from normalizers.time_limits import parse_time_limit

TEXTS = Path(__file__).resolve().parents[1] / "fixtures" / "realworld" / "collected" / "text"


def _text_lines(name: str) -> list[str]:
    return [
        ln.strip() for ln in (TEXTS / name).read_text(encoding="utf-8").splitlines() if ln.strip()
    ]


# --------------------------------------------------------------------------- the pieces


@pytest.mark.parametrize(
    ("piece", "line", "marker"),
    [
        (pieces.PART, "第一部分 参保登记类", "第一部分"),  # a compilation's part heading
        (pieces.CN, "二、服务对象", "二、"),
        (pieces.CN_DOT, "三．办理时限", "三．"),
        (pieces.PAREN_CN, "(二)网上办理。可通过登录政务服务平台", "(二)"),
        (pieces.PAREN_CN, "（一）企业：即时办结", "（一）"),
        (pieces.NUM_DOT, "3.选择“个人业务”页面,点击“首次申领社保卡”", "3."),
        (pieces.NUM_DUN, "2、照片格式:", "2、"),
        (pieces.NUM_HALF_PAREN, "1）出院记录原件或复印件", "1）"),
        (pieces.PAREN_NUM, "(1)线上办理:可通过“南宁人社”微信公众号", "(1)"),
        (pieces.CIRCLED, "③医保经办机构1个工作日内办结。", "③"),
    ],
)
def test_each_piece_reads_its_marker(piece: str, line: str, marker: str) -> None:
    m = re.match(piece, line)
    assert m is not None and m.group(0) == marker


@pytest.mark.parametrize(
    ("piece", "line"),
    [
        (pieces.NUM_DOT, "1.5倍"),  # a decimal
        (pieces.NUM_DUN, "0772-2156837、0772-2831307"),  # the tail of a telephone number
        (pieces.NUM_DOT, "2021.10.8"),
        (pieces.CN, "一次性告知"),
        (pieces.PAREN_NUM, "(9:00-12:00,13:00-17:00)"),
    ],
)
def test_pieces_do_not_take_numbers_for_markers(piece: str, line: str) -> None:
    assert re.search(piece, line) is None


def test_circled_class_and_values_cover_one_to_fifty() -> None:
    digits = pieces.CIRCLED_DIGITS
    assert len(digits) == 50
    matched = [ch for ch in map(chr, range(0x2400, 0x3300)) if re.fullmatch(pieces.CIRCLED, ch)]
    assert matched == sorted(digits)
    assert [pieces.circled_value(ch) for ch in digits] == list(range(1, 51))
    assert (digits[0], digits[20], digits[35], digits[49]) == ("①", "㉑", "㊱", "㊿")
    for other in ("⑴", "1", "一", "", "①②"):
        assert pieces.circled_value(other) is None


@pytest.mark.parametrize("n", [1, 2, 21, 50])
def test_entry_marker_of_each_style(n: int) -> None:
    assert re.fullmatch(pieces.entry_marker("circled", n), pieces.CIRCLED_DIGITS[n - 1])
    assert re.fullmatch(pieces.entry_marker("paren_num", n), f"（{n}）")
    for mark in ".．、":
        assert re.fullmatch(pieces.entry_marker("num", n), f"{n}{mark}")
    assert not re.fullmatch(pieces.entry_marker("num", n), f"{n + 1}.")
    with pytest.raises(ValueError):
        pieces.entry_marker("bullet", n)


# --------------------------------------------------------------------------- compiled styles


def test_heading_styles_on_a_real_guide() -> None:
    # A guide numbered 一、 for its sections, （一） below them and 1. / ① for steps.
    lines = _text_lines("ha_jiaozuo_chengxiang_jumin_canbao_zhinan.txt")
    styles = {heading_numbering(ln)[0] for ln in lines}
    assert {"cn", "paren_cn", "num", "circled"} <= styles
    for ln in lines:
        style, rest = heading_numbering(ln)
        if style is not None:
            n = heading_number(ln)
            assert n is not None and n >= 1, ln
            assert ln.endswith(rest) and len(rest) < len(ln), ln


@pytest.mark.parametrize(
    ("line", "style", "number", "rest"),
    [
        ("第二部分 待遇核准支付类", "part", 2, "待遇核准支付类"),
        ("十一、办理时限", "cn", 11, "办理时限"),
        ("（二）、承诺时限", "paren_cn", 2, "承诺时限"),
        ("2、照片格式:", "num", 2, "照片格式:"),
        ("(1)线上办理", "paren_num", 1, "线上办理"),
        ("㉑出院记录", "circled", 21, "出院记录"),
    ],
)
def test_heading_numbering_and_number(line: str, style: str, number: int, rest: str) -> None:
    assert heading_numbering(line) == (style, rest)
    assert heading_number(line) == number


@pytest.mark.parametrize(
    ("line", "style", "number"),
    [
        ("(1) 机关、事业单位退休人员：", "paren_num", 1),
        ("（二）单位注销", "paren_cn", 2),
        ("①《重庆市城镇职工基本医疗保险市级统筹缴费年限认定表》；", "circled", 1),
        ("二、申请材料", "cn_dun", 2),
        ("1.按情形提供符合计划生育政策证明材料：", "num_dot", 1),
        ("1、參保材料:", "num_dun", 1),
        ("2）住院费用汇总明细清单", "num_dun", 2),
        ("- 相關推薦", "bullet", None),
    ],
)
def test_list_styles_of_the_materials_splitter(line: str, style: str, number: int | None) -> None:
    assert parse_marker(line)[:2] == (style, number)
    assert starts_entry(line)


@pytest.mark.parametrize(
    ("marker", "number"),
    [("三、", 3), ("（12）", 12), ("㉑", 21), ("㊿", 50), ("第十部分", 10), ("•", None)],
)
def test_marker_number(marker: str, number: int | None) -> None:
    assert marker_number(marker) == number


def test_a_bracketed_number_is_read_whole() -> None:
    # （1） is one paren_num marker, not an opening bracket before a 1） marker.
    assert parse_marker("（1）《单位参保登记表》")[:2] == ("paren_num", 1)
    assert parse_marker("1）《单位参保登记表》")[:2] == ("num_dun", 1)
    assert [m.name for m in split_materials(["（1）《单位参保登记表》 （2）营业执照"])] == [
        "《单位参保登记表》",
        "营业执照",
    ]


# --------------------------------------------------------------------------- former disagreements


@pytest.mark.parametrize("circled", list(pieces.CIRCLED_DIGITS))
def test_every_circled_number_marks_an_entry_for_every_reader(circled: str) -> None:
    line = f"{circled}出院记录原件或复印件"
    n = pieces.circled_value(circled)
    assert starts_entry(line)
    assert heading_numbering(line) == ("circled", "出院记录原件或复印件")
    assert heading_number(line) == n
    assert parse_marker(line) == ("circled", n, "出院记录原件或复印件")


def _renumber(text: str, markers: list[str], replacements: list[str]) -> str:
    for old, new in zip(markers, replacements, strict=True):
        text = text.replace(old, new)
    return text


def _materials(text: str) -> list[tuple[str, str | None]]:
    return [(m.name, m.condition) for m in split_materials(text.split("\n"))]


@pytest.mark.parametrize("first", [1, 20, 21, 36])
def test_circled_lists_read_alike_past_twenty(first: int) -> None:
    new = list(pieces.CIRCLED_DIGITS[first - 1 : first + 2])
    # Materials: a gold list of a 住院报销 guide, one entry a line.
    materials = (
        "住院报销：\n①出院记录原件或复印件\n②住院费用汇总明细清单原件或复印件（加盖医院收费章）"
    )
    assert _materials(_renumber(materials, ["①", "②"], new[:2])) == [
        ("出院记录原件或复印件", "住院报销"),
        ("住院费用汇总明细清单原件或复印件（加盖医院收费章）", "住院报销"),
    ]
    # Time limits: a gold limit text, its （一）（二） written as circled numbers.
    limit = "（一）企业：即时办结 （二）机关事业：5个工作日"
    tl = parse_time_limit(_renumber(limit, ["（一）", "（二）"], new[:2]))
    assert [(c.condition, c.days) for c in tl.conditions] == [("企业", 0), ("机关事业", 5)]
    # Citations: a sample's legal basis, its （一）（二）（三） written as circled numbers.
    basis = (
        "（一）《中华人民共和国社会保险法》 （主席令第 35号）第五十七条、第五十八条 \n"
        "（二）《浙江省医疗保障条例》第二十八条 \n（三）省、市、县（市、区）相关规范性文件 \n"
    )
    citations = split_citations(_renumber(basis, ["（一）", "（二）", "（三）"], new))
    assert citations == [
        "《中华人民共和国社会保险法》（主席令第35号）第五十七条、第五十八条",
        "《浙江省医疗保障条例》第二十八条",
        "省、市、县（市、区）相关规范性文件",
    ]


@pytest.mark.parametrize("mark", [".", "．", "、", "）"])
def test_three_digits_are_never_a_marker(mark: str) -> None:
    # A real entry (1.《单位参保登记表》) renumbered: two digits still number it, three do not.
    for number, is_marker in (("12", True), ("112", False)):
        line = f"{number}{mark}《单位参保登记表》"
        assert starts_entry(line) is is_marker
        assert (parse_marker(line)[0] is not None) is is_marker
        if mark != "）":
            assert (heading_numbering(line)[0] == "num") is is_marker
    # Nor is the tail of a longer number, inside a line.
    line = f"咨询电话：0772-2156837{mark} 0772-2831307"
    assert [style for style, p in LIST_STYLES if style != "bullet" and p.search(line)] == []


def test_serial_cells_count_past_ninety_nine() -> None:
    for cell in ("1", "1.", "1-2", "(1)", "一", "①", "㉑", "132"):
        assert re.fullmatch(pieces.SERIAL, cell), cell
    assert not re.fullmatch(pieces.SERIAL, "1320")


# --------------------------------------------------------------------------- heading labels


@pytest.mark.parametrize(
    ("label", "clean"),
    [
        ("第一部分 参保登记类", "参保登记类"),
        ("（二）申请材料：", "申请材料"),
        ("十一、办理时限", "办理时限"),
        ("3.申请材料真实性承诺书", "申请材料真实性承诺书"),
        ("㉑出院记录", "出院记录"),
        # A number that is part of the words stays.
        ("一次性告知", "一次性告知"),
        ("10个工作日", "10个工作日"),
        ("零售药店申请定点协议管理", "零售药店申请定点协议管理"),
    ],
)
def test_clean_heading_strips_numbering_shapes_only(label: str, clean: str) -> None:
    assert clean_heading(label) == clean
