"""Province and region of a document: the names it writes about itself, resolved with cpca's
table of administrative divisions."""

from __future__ import annotations

import csv
import io
import random

import cpca
import pytest

from normalizers.place import detect_province, detect_region, province_of


def _divisions() -> list[tuple[str, str]]:
    from importlib import resources

    text = resources.files("cpca.resources").joinpath("adcodes.csv").read_text(encoding="utf-8")
    return [(row["adcode"], row["name"]) for row in csv.DictReader(io.StringIO(text))]


def test_one_record_lookup_equals_cpcas_table_for_every_division() -> None:
    """province_of reads cpca's record for one text instead of its pandas table: the same
    province for every division name, city + county pair and some text around them."""
    divisions = _divisions()
    by_code = dict(divisions)
    texts = [name for _, name in divisions]
    for code, name in divisions:
        city = by_code.get(code[:4] + "00000000")
        if city and city != name:
            texts.append(city + name)
    rng = random.Random(5)
    names = [name for _, name in divisions]
    texts += [f"{rng.choice(names)}医疗保障局{rng.choice(names)}" for _ in range(300)]
    texts += ["", "医疗保障局", "全市", "abc"]
    table = cpca.transform(texts)
    assert len(table) == len(texts)
    for text, expected in zip(texts, table.iloc[:, 0], strict=True):
        record = cpca._get_one_addr(text, False, {})["省"]
        assert record == (expected if isinstance(expected, str) else None), text


@pytest.mark.parametrize(
    ("place", "province"),
    [
        ("柳州市柳江区", "广西"),
        ("酉阳自治县", "重庆"),
        ("杭州市西湖区", "浙江"),
        ("浙江", "浙江"),
        ("医疗保障局", None),
    ],
)
def test_province_of_a_place(place: str, province: str | None) -> None:
    assert province_of(place) == province


def test_a_county_guide_gets_its_province_from_its_issuer() -> None:
    first_lines = ["柳州市柳江区医疗保障局", "医疗保险费补缴办事指南"]
    assert detect_region(first_lines) == "柳州市柳江区"
    assert detect_province(first_lines) == "广西"
