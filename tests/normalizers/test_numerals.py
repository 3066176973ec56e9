import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalizers.numerals import cn_to_int

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
