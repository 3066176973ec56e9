import json
import re
from pathlib import Path

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govguide.core.models import LegalBasis
from normalizers.legal_basis import (
    legal_basis_from_block,
    parse_articles,
    parse_citation,
    parse_legal_basis,
    split_citations,
)

GOLD = json.loads(
    (Path(__file__).parents[1] / "fixtures" / "gold_seeds.json").read_text(encoding="utf-8")
)

LAW = "中华人民共和国社会保险法"
HKMT = "香港澳门台湾居民在内地（大陆）参加社会保险暂行办法"
HKMT_NO = "人力资源和社会保障部、国家医保局令第41号"
FOREIGN = "在中国境内就业的外国人参加社会保险暂行办法"
DECLARE = "社会保险费申报缴纳管理规定"
ZJ = "浙江省医疗保障条例"


def _triples(entries: list[LegalBasis]) -> list[tuple[str, str | None, list[int]]]:
    return [(e.title, e.doc_number, e.articles) for e in entries]


# --------------------------------------------------------------------------- articles


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第五十七条、第五十八条", [57, 58]),
        ("第二章第四条", [4]),
        ("第二章 第四条", [4]),
        ("第23条", [23]),
        ("第二十八条、第\n\n三十条", [28, 30]),
        ("第二条、第三条、第四 条、第十四条", [2, 3, 4, 14]),
        ("第八、九条", [8, 9]),
        ("第五条至第七条", [5, 6, 7]),
        ("第一百零二条第二款", [102]),
        ("第十二条之一", [12]),
        ("第三条、第三条", [3]),
        ("第三章", []),
        ("无", []),
        ("", []),
    ],
)
def test_parse_articles(text: str, expected: list[int]) -> None:
    assert parse_articles(text) == expected


# --------------------------------------------------------------------------- one citation

# Citations as the seed documents write them (PDF spaces and line breaks included) and a few
# as other provinces write them.
CITATIONS = [
    (
        "《中华人民共和国社会保险法》（主席令第35号）第五十七条、第五十八条",
        LAW,
        "主席令第35号",
        [57, 58],
    ),
    (
        "《中华人民共和国社会保险法》 （主席令第 35号）第五十七条、第五十八条",
        LAW,
        "主席令第35号",
        [57, 58],
    ),
    ("《中华人民共和国社会保险法》（主席令第 35 号）第三十二条；", LAW, "主席令第35号", [32]),
    ("《中华人民共和国社会保险法》\n（主席令第35号）第二十五条", LAW, "主席令第35号", [25]),
    ("《中华人民共和国社会保险法》（主席令第35号）第三章第二十七条", LAW, "主席令第35号", [27]),
    ("《中华人民共和国社会保险法》（主席令 35号第二十九条）", LAW, "主席令35号", [29]),
    (
        "《中华人民共和国社会保险法》（中华人民共和国主席令第三十五号）第八条、第\n\n五十七条",
        LAW,
        "中华人民共和国主席令第三十五号",
        [8, 57],
    ),
    (
        "《中华人民共和国社会保险法》（2010年10月28日主席令第35号公布）第七条 国务院社会保险行政部门负责"
        "全国的社会保险管理工作，国务院其他有关部门在各自的职责范围内负责有关的社会保险工作。",
        LAW,
        "主席令第35号",
        [7],
    ),
    (
        "《香港澳门台湾居民在内地（大 陆）参加社会保险暂行办法》（人 力资源和社会保障部、国家医保局 令第41号）"
        "第二条、第三条、第四 条、第十四条",
        HKMT,
        HKMT_NO,
        [2, 3, 4, 14],
    ),
    (
        "《社会保险费申报缴纳管理规定》（中华人民共和国人力资源和社会保障部令第\n\n20号）第二章 第四条",
        DECLARE,
        "中华人民共和国人力资源和社会保障部令第20号",
        [4],
    ),
    (
        "《广西壮族自治区人力资源和社会保障厅关于印发广西城乡居民基本医疗保险暂行办法的通知》（桂人社发〔2017〕1号）"
        "第六条、第七条、第八条、第九条、第十条",
        "广西壮族自治区人力资源和社会保障厅关于印发广西城乡居民基本医疗保险暂行办法的通知",
        "桂人社发〔2017〕1号",
        [6, 7, 8, 9, 10],
    ),
    (
        # the closing bracket is missing in the source
        "《人力资源社会保障部 财政部关于做好基本医疗保险跨省异地就医住院医疗费用直接结算工作的通知》（人社部发〔2016〕120号",
        "人力资源社会保障部财政部关于做好基本医疗保险跨省异地就医住院医疗费用直接结算工作的通知",
        "人社部发〔2016〕120号",
        [],
    ),
    (
        "《关于妥善解决医疗保险制度改革 有关问题的指导意见》（劳社厅发\n〔2002〕8号）",
        "关于妥善解决医疗保险制度改革有关问题的指导意见",
        "劳社厅发〔2002〕8号",
        [],
    ),
    (
        "《关于印发<广西壮族自治区城乡困难群众住院医疗救助暂行办法>的通知》 （桂民发〔2013〕51号）",
        "关于印发<广西壮族自治区城乡困难群众住院医疗救助暂行办法>的通知",
        "桂民发〔2013〕51号",
        [],
    ),
    (
        "人力资源和社会保障部办公厅《关于印发流动就业人员基本医疗保险关系转移接 \n\n续业务经办规程的通知》（人社厅发〔2016〕94号）",
        "关于印发流动就业人员基本医疗保险关系转移接续业务经办规程的通知",
        "人社厅发〔2016〕94号",
        [],
    ),
    (
        "《国家医保局财政部关于切实做好 2019 年跨省异地就医住院费用直接结算工作的通\n\n知》（医保发〔2019〕33号）",
        "国家医保局财政部关于切实做好2019年跨省异地就医住院费用直接结算工作的通知",
        "医保发〔2019〕33号",
        [],
    ),
    (
        "《浙江省人力资源和社会保障厅等 4部门关于进一步调整完善职工基本医疗保险个\n\n人账户有关政策的通知》（浙人社发〔2016〕62号）",
        "浙江省人力资源和社会保障厅等4部门关于进一步调整完善职工基本医疗保险个人账户有关政策的通知",
        "浙人社发〔2016〕62号",
        [],
    ),
    (
        "《关于全面推进生育保险和职工基本医疗保险合并实施方案》 （浙医保联发﹝2019﹞\n\n19号）",
        "关于全面推进生育保险和职工基本医疗保险合并实施方案",
        "浙医保联发﹝2019﹞19号",
        [],
    ),
    (
        "《浙江省女职工劳动保护办法》（省政府令 355号）",
        "浙江省女职工劳动保护办法",
        "省政府令355号",
        [],
    ),
    (
        "《浙江省社会救助条例》 （省人大常委会公告第 18号）",
        "浙江省社会救助条例",
        "省人大常委会公告第18号",
        [],
    ),
    (
        "《医疗机构医疗保障定点管理暂行办法》（国家医疗保障局令第 2号）",
        "医疗机构医疗保障定点管理暂行办法",
        "国家医疗保障局令第2号",
        [],
    ),
    ("《浙江省医疗保障条例》第十条", ZJ, None, [10]),
    # other year brackets, kept as written
    (
        "《关于做好参保工作的通知》（湘人社发[2017]12号）",
        "关于做好参保工作的通知",
        "湘人社发[2017]12号",
        [],
    ),
    (
        "《关于做好参保工作的通知》（川医保发(2020)3号）",
        "关于做好参保工作的通知",
        "川医保发(2020)3号",
        [],
    ),
    (
        "《关于做好参保工作的通知（鄂医保发〔2021〕7号）》",
        "关于做好参保工作的通知",
        "鄂医保发〔2021〕7号",
        [],
    ),
    ("《工伤保险条例》（国务院令第375号第十七条）", "工伤保险条例", "国务院令第375号", [17]),
    ("依据《社会保险法》第五十七条至第五十九条的规定", "社会保险法", None, [57, 58, 59]),
    # without 《》, as some provinces write them
    ("中华人民共和国社会保险法第二十三条", LAW, None, [23]),
    ("国务院令第259号 社会保险费征缴暂行条例", "社会保险费征缴暂行条例", "国务院令第259号", []),
    (
        "社会保险费征缴暂行条例（国务院令第259号）第九条",
        "社会保险费征缴暂行条例",
        "国务院令第259号",
        [9],
    ),
    ("根据中华人民共和国社会保险法第八条", LAW, None, [8]),
]


@pytest.mark.parametrize(("text", "title", "doc_number", "articles"), CITATIONS)
def test_parse_citation(text: str, title: str, doc_number: str | None, articles: list[int]) -> None:
    parsed = parse_citation(text)
    assert parsed is not None
    assert (parsed.title, parsed.doc_number, parsed.articles) == (title, doc_number, articles)
    assert parsed.raw and not re.search(r"\s{2,}|\n", parsed.raw)


@pytest.mark.parametrize(
    "text",
    [
        "省、市、县（市、区）相关规范性文件",
        "市、县（市、区）相关规范性文件",
        "省、市、县（市、区）规范性文件",
        "相关法律法规",
        "其他相关规定",
        "无",
        "/",
        "",
        "国务院社会保险行政部门负责全国的社会保险管理工作",
    ],
)
def test_lines_citing_no_document_are_none(text: str) -> None:
    assert parse_citation(text) is None


# --------------------------------------------------------------------------- splitting


def test_split_numbered_with_pdf_wraps() -> None:
    text = (
        " \n\n（一）《中华人民共和国社会保险法》 （主席令第 35号）第五十七条、第五十八条 \n\n"
        "（二）《香港澳门台湾居民在内地（大陆）参加社会保险暂行办法》（人力资源和社会保 \n\n"
        "障部、国家医保局令第 41号）第二条、第三条、第四条、第十四条 \n\n"
        "（三）《在中国境内就业的外国人参加社会保险暂行办法》（人力资源和社会保障部令 \n\n"
        "第 16号）第三条、第四条 \n\n（四）《浙江省医疗保障条例》第二十八条 \n\n"
        "（五）省、市、县（市、区）相关规范性文件 \n"
    )
    assert split_citations(text) == [
        "《中华人民共和国社会保险法》（主席令第35号）第五十七条、第五十八条",
        "《香港澳门台湾居民在内地（大陆）参加社会保险暂行办法》（人力资源和社会保障部、国家医保局令第41号）"
        "第二条、第三条、第四条、第十四条",
        "《在中国境内就业的外国人参加社会保险暂行办法》（人力资源和社会保障部令第16号）第三条、第四条",
        "《浙江省医疗保障条例》第二十八条",
        "省、市、县（市、区）相关规范性文件",
    ]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # one line, ；-separated (广西 list)
        (
            "《中华人民共和国社会保险法》（主席令第35号）第三章第二十七条；《社会保险费申报缴纳管理规定》"
            "（人力资源和社会保障部令第20号）第十六条",
            2,
        ),
        # numbered 1. 2. on one line
        ("1.《中华人民共和国社会保险法》第二十三条 2.《社会保险费征缴暂行条例》第九条", 2),
        # unnumbered, one per line, with and without 《》
        ("《中华人民共和国社会保险法》第二十三条\n《社会保险费征缴暂行条例》第九条", 2),
        ("中华人民共和国社会保险法第二十三条\n社会保险费征缴暂行条例第九条", 2),
        # a title wrapped before its number, a number wrapped inside its bracket
        ("《中华人民共和国社会保险法》\n（主席令第35号）第二十五条", 1),
        (
            "1.《关于妥善解决医疗保险制度改革 有关问题的指导意见》（劳社厅发\n〔2002〕8号）\n2.《广西壮族自治区医疗保障局"
            "关于规范广西职工基本医疗保险门诊特殊慢性病管理的通知》（桂医保发〔2019〕58号",
            2,
        ),
        # ① numbering, 、 between titles
        ("①《工伤保险条例》②《失业保险条例》", 2),
        ("《工伤保险条例》、《失业保险条例》", 2),
        # a citation of a notice that names another document inside it
        ("《关于印发《XX办法》的通知》（X发〔2019〕1号）", 1),
        # an article's text quoted after the citation stays with it
        (
            "《中华人民共和国社会保险法》（2010年10月28日主席令第35号公布）第七条 国务院社会保险行政部门负责全国的社会"
            "保险管理工作，县级以上地方人民政府社会保险行政部门负责本行政区域的社会保险管理工作",
            1,
        ),
    ],
)
def test_split_counts(text: str, count: int) -> None:
    assert len(split_citations(text)) == count


# --------------------------------------------------------------------------- whole fields

FIELDS = [
    (
        "1.《中华人民共和国社会保险法》（主席令第35号）第五十七条、第五十八条 \n"
        "2.《香港澳门台湾居民在内地（大 陆）参加社会保险暂行办法》（人 力资源和社会保障部、国家医保局 令第41号）"
        "第二条、第三条、第四 条、第十四条\n"
        "3.《在中国境内就业的外国人参加 社会保险暂行办法》（人力资源和 社会保障部令第16号）第三条、第四条",
        [
            (LAW, "主席令第35号", [57, 58]),
            (HKMT, HKMT_NO, [2, 3, 4, 14]),
            (FOREIGN, "人力资源和社会保障部令第16号", [3, 4]),
        ],
    ),
    (
        "《中华人民共和国社会保险法》（主席令第35号）第三章第二十七条；《社会保险费申报缴纳管理规定》"
        "（人力资源和社会保障部令第20号）第十六条",
        [(LAW, "主席令第35号", [27]), (DECLARE, "人力资源和社会保障部令第20号", [16])],
    ),
    (
        " \n\n（一）《中华人民共和国社会保险法》（主席令第 35号）第二十五条 \n\n"
        "（二）《香港澳门台湾居民在内地（大陆）参加社会保险暂行办法》（人力资源和社会保障部、 \n\n"
        "国家医保局令第 41号）第二条、第三条、第四条、第十四条 \n\n"
        "（三）《关于印发<外国人在中国永久居留享有相关待遇的办法>的通知》（人社部发〔2012〕 \n\n53号） \n\n"
        "（四）《关于印发<外国人在中国永久居留享有相关待遇的办法>的通知》（人社部发〔2009〕 \n\n35号） \n\n"
        "（五）《浙江省医疗保障条例》第十条、第二十二条 \n\n（六）市、县（市、区）相关规范性文件 \n",
        [
            (LAW, "主席令第35号", [25]),
            (HKMT, HKMT_NO, [2, 3, 4, 14]),
            # same title, different numbers: two documents
            ("关于印发<外国人在中国永久居留享有相关待遇的办法>的通知", "人社部发〔2012〕53号", []),
            ("关于印发<外国人在中国永久居留享有相关待遇的办法>的通知", "人社部发〔2009〕35号", []),
            (ZJ, None, [10, 22]),
        ],
    ),
    (
        " \n\n(一) 《中华人民共和国社会保险法》（中华人民共和国主席令第三十五号）第五十四条、第\n\n"
        "五十五条、第五十六条 \n\n（二） 《浙江省女职工劳动保护办法》（省政府令第 355号） \n\n"
        "（三） 《关于全面推进生育保险和职工基本医疗保险合并实施方案》 （浙医保联发﹝2019﹞\n\n19号） \n\n"
        "（四）《浙江省医疗保障条例》第五十六条 \n\n（五）省、市、县（市、区）规范性文件 \n",
        [
            (LAW, "中华人民共和国主席令第三十五号", [54, 55, 56]),
            ("浙江省女职工劳动保护办法", "省政府令第355号", []),
            ("关于全面推进生育保险和职工基本医疗保险合并实施方案", "浙医保联发﹝2019﹞19号", []),
            (ZJ, None, [56]),
        ],
    ),
    (" \n\n省、市、县（市、区）相关规范性文件 \n", []),
    (
        # repeats of one document merge, articles in order
        "1.《中华人民共和国社会保险法》第二十三条\n2.《社会保险费征缴暂行条例》第九条\n"
        "3.《中华人民共和国社会保险法》（主席令第35号）第六十三条、第二十三条",
        [(LAW, "主席令第35号", [23, 63]), ("社会保险费征缴暂行条例", None, [9])],
    ),
    (None, []),
    ("", []),
    ("无", []),
]


@pytest.mark.parametrize(("text", "expected"), FIELDS)
def test_parse_legal_basis(text, expected) -> None:
    assert _triples(parse_legal_basis(text)) == expected


def test_merged_entry_keeps_both_raw_citations() -> None:
    (entry,) = parse_legal_basis("《社会保险法》第八条；《社会保险法》第九条")
    assert entry.articles == [8, 9]
    assert "第八条" in entry.raw and "第九条" in entry.raw


def _citation(entry: dict) -> str:
    text = f"《{entry['title']}》"
    if entry["doc_number"]:
        text += f"（{entry['doc_number']}）"
    return text + "、".join(f"第{cn2an.an2cn(n)}条" for n in entry["articles"])


@pytest.mark.parametrize(
    "item", [g for g in GOLD if g["legal_basis"]], ids=lambda g: f"{g['seed']}-{g['item_name']}"
)
def test_every_gold_entry_reads_back(item: dict) -> None:
    # Each gold entry written as a numbered citation list reads back to the same entries.
    text = "\n".join(
        f"（{cn2an.an2cn(i + 1)}）{_citation(e)}" for i, e in enumerate(item["legal_basis"])
    )
    text += f"\n（{cn2an.an2cn(len(item['legal_basis']) + 1)}）省、市、县（市、区）相关规范性文件"
    expected = [(e["title"], e["doc_number"], e["articles"]) for e in item["legal_basis"]]
    assert _triples(parse_legal_basis(text)) == expected


# --------------------------------------------------------------------------- portal blocks


def test_block_of_the_liujiang_portal() -> None:
    entry = legal_basis_from_block(
        "《中华人民共和国社会保险法》", "主席令第35号", "第二十三条、第六十三条"
    )
    assert (entry.title, entry.doc_number, entry.articles) == (LAW, "主席令第35号", [23, 63])
    assert "第二十三条" in entry.raw


@pytest.mark.parametrize(
    ("title", "doc_number", "articles", "expected"),
    [
        ("中华人民共和国社会保险法", "主席令第 35 号", "23、63", (LAW, "主席令第35号", [23, 63])),
        ("《社会保险费征缴暂行条例》", "无", "第九条", ("社会保险费征缴暂行条例", None, [9])),
        (
            "《社会保险费征缴暂行条例》（国务院令第259号）",
            None,
            None,
            ("社会保险费征缴暂行条例", "国务院令第259号", []),
        ),
        (
            "《社会保险费征缴暂行条例》（国务院令第259号）",
            "国务院令第 259号",
            "",
            ("社会保险费征缴暂行条例", "国务院令第259号", []),
        ),
        ("《工伤保险条例》", "/", "无", ("工伤保险条例", None, [])),
    ],
)
def test_block_variants(title, doc_number, articles, expected) -> None:
    entry = legal_basis_from_block(title, doc_number, articles)
    assert (entry.title, entry.doc_number, entry.articles) == expected


# --------------------------------------------------------------------------- properties

_TITLES = [
    LAW,
    HKMT,
    FOREIGN,
    DECLARE,
    ZJ,
    "关于印发<外国人在中国永久居留享有相关待遇的办法>的通知",
    "人力资源和社会保障部财政部关于做好基本医疗保险跨省异地就医住院医疗费用直接结算工作的通知",
]
_DOCS = [
    None,
    "主席令第35号",
    HKMT_NO,
    "桂人社发〔2017〕1号",
    "国医保电〔2018〕14号",
    "省政府令355号",
    "中华人民共和国主席令第三十五号",
    "浙医保联发﹝2019﹞19号",
]
_NUMBERING = ["{i}.", "（{c}）", "({c})", "{c}、", ""]


@st.composite
def citation_lists(draw):
    titles = draw(st.lists(st.sampled_from(_TITLES), min_size=1, max_size=4, unique=True))
    style = draw(st.sampled_from(_NUMBERING))
    entries, lines = [], []
    for i, title in enumerate(titles, start=1):
        doc = draw(st.sampled_from(_DOCS))
        arts = draw(st.lists(st.integers(min_value=1, max_value=120), max_size=4, unique=True))
        chinese = draw(st.booleans())
        text = f"《{title}》" + (f"（{doc}）" if doc else "")
        text += "、".join(f"第{cn2an.an2cn(n) if chinese else n}条" for n in arts)
        numbering = style.format(i=i, c=cn2an.an2cn(i))
        lines.append(numbering + text)
        entries.append((title, doc, arts))
    sep = "\n" if style else draw(st.sampled_from(["\n", "；", "\n\n"]))
    text = sep.join(lines)
    # PDF export: spaces inside CJK text, numbers and brackets.
    positions = draw(st.sets(st.integers(min_value=1, max_value=len(text) - 1), max_size=8))
    for pos in sorted(positions, reverse=True):
        if text[pos - 1] != "\n" and text[pos] != "\n":
            text = text[:pos] + " " + text[pos:]
    return text, entries


@settings(max_examples=200)
@given(citation_lists())
def test_generated_lists_read_back(case) -> None:
    text, expected = case
    assert _triples(parse_legal_basis(text)) == expected


_FRAGMENTS = [
    "《",
    "》",
    "（",
    "）",
    "(",
    ")",
    "〔2017〕",
    "第",
    "五十七",
    "23",
    "条",
    "章",
    "号",
    "令",
    "、",
    "；",
    "\n",
    " ",
    "1.",
    "（一）",
    "①",
    "主席令",
    "中华人民共和国社会保险法",
    "关于",
    "的通知",
    "相关规范性文件",
    "省、市、县",
    "国务院令第259号",
    "<",
    ">",
    "至",
]
legal_like = st.lists(st.sampled_from(_FRAGMENTS), max_size=20).map("".join)


@settings(max_examples=300)
@given(st.one_of(st.text(max_size=120), legal_like))
def test_never_raises_and_entries_are_clean(text: str) -> None:
    entries = parse_legal_basis(text)
    titles = [(e.title, e.doc_number) for e in entries]
    assert len(titles) == len(set(titles))
    for e in entries:
        assert e.title and e.title == e.title.strip("《》 ")
        assert not re.search(r"\s", e.doc_number or "")
        assert all(isinstance(n, int) and n >= 0 for n in e.articles)
        assert len(e.articles) == len(set(e.articles))
    for piece in split_citations(text):
        parse_citation(piece)
    parse_articles(text)
    legal_basis_from_block(text, text, text)


@settings(max_examples=200)
@given(citation_lists().map(lambda c: c[0]), st.sampled_from(["\n", "；"]))
def test_reading_the_raw_citations_again_changes_nothing(text: str, joiner: str) -> None:
    entries = parse_legal_basis(text)
    again = parse_legal_basis(joiner.join(e.raw for e in entries))
    assert _triples(again) == _triples(entries)


def test_title_inside_an_amendment_note_stays_in_its_citation() -> None:
    text = (
        "《中华人民共和国社会保险法》（2010年10月28日中华人民共和国主席令第35号公布，根据2018年"
        "12月29日第十三届全国人民代表大会常务委员会第七次会议《关于修改〈中华人民共和国劳动法〉"
        "等七部法律的决定》修正）第二十八条"
    )
    assert [(b.title, b.doc_number, b.articles) for b in parse_legal_basis(text)] == [
        ("中华人民共和国社会保险法", "中华人民共和国主席令第35号", [28])
    ]
