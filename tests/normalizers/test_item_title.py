"""Item names from real page titles, headings and questions (tests/fixtures/realworld)."""

import pytest

from normalizers.item_title import name_from_title
from normalizers.place import strip_leading_places


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("珠海市单位生育津贴办理指引如下:", "单位生育津贴"),
        ("泉州市生育津貼申報", "生育津貼申報"),
        ("丹东生育津贴支付办理指南2023-yb体育官方", "生育津贴支付"),
        ("江苏生育津贴申领材料有什么?", "生育津贴申领"),
        ("苏州医保零星报销办理时间是什么时候?", "医保零星报销"),
        ("问:门诊特殊疾病怎么办理?", "门诊特殊疾病"),
        ("澳门金沙城中心_欧洲杯足球网-【投注官网平台】医疗保障局对门诊费用报销的办事指南", "门诊费用报销"),
        # 办理 is the only act the title names (沈阳医保卡办理指南 → 医保卡办理).
        ("广州异地就医办理指南(资料+流程)", "异地就医办理"),
        ("沈阳医保卡办理指南", "医保卡办理"),
        ("在乌鲁木齐如何申领生育保险待遇", "申领生育保险待遇"),
        ("关于郑州生育保险办理办理指南", "生育保险办理"),
        ("呼和浩特生育保险报销", "生育保险报销"),
    ],
)
def test_title_names_the_item(title: str, name: str) -> None:
    assert name_from_title(title) == name


@pytest.mark.parametrize(
    "title",
    ["有关事项的通知", "单位缴纳多长时间生育保险,可以领生育津贴?", "廊坊市医疗保障经办政务服务事项清单", "政务"],
)
def test_titles_that_name_no_item(title: str) -> None:
    assert name_from_title(title) is None


def test_leading_places_come_off_and_nothing_else() -> None:
    assert strip_leading_places("江苏省苏州市医保零星报销") == "医保零星报销"
    assert strip_leading_places("呼和浩特生育保险报销") == "生育保险报销"
    assert strip_leading_places("门诊特殊疾病") == "门诊特殊疾病"
    assert strip_leading_places("长期异地就医") == "长期异地就医"
    assert strip_leading_places("广州") == "广州"
