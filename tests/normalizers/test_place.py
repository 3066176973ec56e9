"""Province and region of a document: the names it writes about itself, resolved with cpca's
table of administrative divisions."""

from __future__ import annotations

import csv
import io
import random

import cpca
import pytest

from normalizers.divisions import province_of_place
from normalizers.place import detect_province, detect_region, province_of


def _divisions() -> list[tuple[str, str]]:
    from importlib import resources

    text = resources.files("cpca.resources").joinpath("adcodes.csv").read_text(encoding="utf-8")
    return [(row["adcode"], row["name"]) for row in csv.DictReader(io.StringIO(text))]


def test_province_lookup_equals_cpca_on_every_division_and_in_text() -> None:
    """govguide's reading of cpca's table gives cpca's province for every division name,
    every city + county pair, every province + city + county triple and names inside text."""
    divisions = _divisions()
    by_code = dict(divisions)
    names = [name for _, name in divisions]
    texts = list(names)
    for code, name in divisions:
        city = by_code.get(code[:4] + "00000000")
        province = by_code.get(code[:2] + "0000000000")
        if city and city != name:
            texts.append(city + name)
            if province and province != city:
                texts.append(province + city + name)
    rng = random.Random(5)
    texts += [f"{rng.choice(names)}医疗保障局{rng.choice(names)}" for _ in range(1000)]
    texts += ["".join(rng.sample(names, 3)) for _ in range(1000)]
    texts += [name[: len(name) - 1] for name in names]  # names without their last character
    texts += ["", "医疗保障局", "全市", "abc", "广西", "内蒙古", "吉林", "吉林市", "朝阳区", "香港"]
    table = cpca.transform(texts)
    assert len(table) == len(texts) > 12_000
    for text, expected in zip(texts, table.iloc[:, 0], strict=True):
        assert province_of_place(text) == (expected if isinstance(expected, str) else None), text


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


def test_the_lookup_does_not_import_cpca() -> None:
    import subprocess
    import sys

    probe = (
        "import sys; from normalizers.place import province_of; "
        "assert province_of('柳州市柳江区') == '广西'; "
        "print(sorted(m for m in ('cpca', 'pkg_resources', 'pandas') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
