"""The province-level divisions of China: one table for every reader of place names.

Each entry gives the short name the records use (广西), the full name (广西壮族自治区), the
pinyin a folder may be named with (guangxi) and whether the division issues medical-insurance
guides of its own in the mainland system (香港, 澳门, 台湾 appear in guides only as the origin of
residents — 港澳台居民 — and the 兵团 only as a folder name).
"""

from __future__ import annotations

from typing import NamedTuple


class Province(NamedTuple):
    short: str
    full: str
    pinyin: str
    mainland: bool = True


PROVINCES: tuple[Province, ...] = (
    Province("北京", "北京市", "beijing"),
    Province("天津", "天津市", "tianjin"),
    Province("河北", "河北省", "hebei"),
    Province("山西", "山西省", "shanxi"),
    Province("内蒙古", "内蒙古自治区", "neimenggu"),
    Province("辽宁", "辽宁省", "liaoning"),
    Province("吉林", "吉林省", "jilin"),
    Province("黑龙江", "黑龙江省", "heilongjiang"),
    Province("上海", "上海市", "shanghai"),
    Province("江苏", "江苏省", "jiangsu"),
    Province("浙江", "浙江省", "zhejiang"),
    Province("安徽", "安徽省", "anhui"),
    Province("福建", "福建省", "fujian"),
    Province("江西", "江西省", "jiangxi"),
    Province("山东", "山东省", "shandong"),
    Province("河南", "河南省", "henan"),
    Province("湖北", "湖北省", "hubei"),
    Province("湖南", "湖南省", "hunan"),
    Province("广东", "广东省", "guangdong"),
    Province("广西", "广西壮族自治区", "guangxi"),
    Province("海南", "海南省", "hainan"),
    Province("重庆", "重庆市", "chongqing"),
    Province("四川", "四川省", "sichuan"),
    Province("贵州", "贵州省", "guizhou"),
    Province("云南", "云南省", "yunnan"),
    Province("西藏", "西藏自治区", "xizang"),
    Province("陕西", "陕西省", "shaanxi"),
    Province("甘肃", "甘肃省", "gansu"),
    Province("青海", "青海省", "qinghai"),
    Province("宁夏", "宁夏回族自治区", "ningxia"),
    Province("新疆", "新疆维吾尔自治区", "xinjiang"),
    Province("香港", "香港特别行政区", "xianggang", mainland=False),
    Province("澳门", "澳门特别行政区", "aomen", mainland=False),
    Province("台湾", "台湾省", "taiwan", mainland=False),
    Province("新疆生产建设兵团", "新疆生产建设兵团", "bingtuan", mainland=False),
)

# Short names of the divisions that issue guides, in table order.
MAINLAND: tuple[str, ...] = tuple(p.short for p in PROVINCES if p.mainland)

# Full name → short name where the short name is not the full name less 省/市.
SHORT_OF_FULL: dict[str, str] = {p.full: p.short for p in PROVINCES if p.full not in (p.short + "省", p.short + "市")}

MUNICIPALITIES: tuple[str, ...] = tuple(p.short for p in PROVINCES if p.full == p.short + "市")
