"""Item names from titles met on the second held-out set of real guides."""

from __future__ import annotations

import pytest

from normalizers.item_title import name_from_title


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("佳木斯新生儿医保卡怎么办理及报销比例多少", "新生儿医保卡"),
        ("中山异地就医备案办理对象及条件", "异地就医备案"),
        ("个人医保怎么办理 个人医保如何办理", "个人医保"),
        ("重庆市社保卡办理 重庆市社保卡办理条件", "社保卡办理"),
        ("医保卡丢了补办要多久?", "医保卡丢了补办"),
        ("医保卡丢了怎么办 医保卡丢了补办要多久?", "医保卡丢了补办"),
        # …参保 already names the act: 怎么办理 adds nothing.
        ("城乡居民医疗保险参保怎么办理", "城乡居民医疗保险参保"),
    ],
)
def test_name_from_title(title: str, name: str) -> None:
    assert name_from_title(title) == name


@pytest.mark.parametrize("title", ["最佳答案", "乌鲁木齐生育津贴什么时候发放 乌鲁木齐市生育津贴发放标准"])
def test_no_name(title: str) -> None:
    assert name_from_title(title) is None

