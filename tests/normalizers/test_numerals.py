import itertools

import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalizers.numerals import cn_to_int, simple_cn_to_int

_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("十五", 15),
        ("二十三", 23),
        ("五十七", 57),
        ("一百零二", 102),
        ("十", 10),
        ("两", 2),
        ("零", 0),
        ("三十五", 35),
        ("35", 35),
        ("３５", 35),
        (" 十 五 ", 15),  # spaces a PDF export put inside the number
        ("0035", 35),
    ],
)
def test_reads_numbers(text: str, expected: int) -> None:
    assert cn_to_int(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "   ", "第五", "五十七条", "十五个", "abc", "一点五", "1.5", "号", "..", "点"],
)
def test_not_a_whole_number_is_none(text: str) -> None:
    assert cn_to_int(text) is None


def test_non_string_is_none() -> None:
    assert cn_to_int(None) is None  # type: ignore[arg-type]


@given(st.text())
def test_never_raises(text: str) -> None:
    result = cn_to_int(text)
    assert result is None or isinstance(result, int)


@given(st.integers(min_value=0, max_value=99_999))
def test_arabic_chinese_and_full_width_agree(n: int) -> None:
    assert cn_to_int(str(n)) == n
    assert cn_to_int(str(n).translate(_FULL_WIDTH)) == n
    assert cn_to_int(cn2an.an2cn(n)) == n


def test_common_numbers_read_without_cn2an_as_cn2an_reads_them() -> None:
    """Every string of up to four numeral characters that the fast reading accepts is read
    as cn2an reads it; the rest is left to cn2an."""
    alphabet = "零〇一二两三四五六七八九十百千万亿点负"
    accepted = 0
    for length in range(1, 5):
        for chars in itertools.product(alphabet, repeat=length):
            text = "".join(chars)
            value = simple_cn_to_int(text)
            if value is None:
                continue
            accepted += 1
            assert cn2an.cn2an(text, "smart") == value, text
    assert accepted > 250
    # and it covers the standard form of every number below 1000
    for n in range(1000):
        assert simple_cn_to_int(cn2an.an2cn(n)) == n
