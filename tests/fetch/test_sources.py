"""The sources file: what it accepts, and the error each mistake gets."""

from __future__ import annotations

from pathlib import Path

import pytest

from govguide.fetch import Source, SourcesError, load_sources

GOOD = """
[[source]]
url = "http://example.gov.cn/bsfw/zhinan/123.html"
province = "广西壮族自治区"
region = "柳州市柳江区"

[[source]]
list_url = "http://example.gov.cn/bsfw/zhinan/"
link_pattern = "/bsfw/zhinan/\\\\d+\\\\.html$"
province = "guangxi"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_sources_are_read_in_order(tmp_path: Path) -> None:
    first, second = load_sources(write(tmp_path, GOOD))
    assert first == Source("广西", "柳州市柳江区", url="http://example.gov.cn/bsfw/zhinan/123.html")
    assert first.folder == Path("广西/柳州市柳江区")
    assert second.list_url == "http://example.gov.cn/bsfw/zhinan/"
    assert second.link_pattern == r"/bsfw/zhinan/\d+\.html$"
    assert (second.province, second.region, second.folder) == ("广西", None, Path("广西"))


def test_an_empty_file_has_no_sources(tmp_path: Path) -> None:
    assert load_sources(write(tmp_path, "# nothing yet\n")) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[source]]\nprovince = '广西'\n", "source 1: give exactly one of url"),
        (
            "[[source]]\nurl = 'http://a.cn/x'\nlist_url = 'http://a.cn/'\nprovince = '广西'\n",
            "source 1: give exactly one of url",
        ),
        ("[[source]]\nurl = 'http://a.cn/x'\n", "source 1: province is required"),
        ("[[source]]\nurl = 'ftp://a.cn/x'\nprovince = '广西'\n", "is not an http(s) address"),
        ("[[source]]\nurl = 'http://a.cn/x'\nprovince = '火星'\n", "is not a province-level"),
        (
            "[[source]]\nurl = 'http://a.cn/x'\nprovince = '广西'\nregion = '../etc'\n",
            "cannot be a folder name",
        ),
        (
            "[[source]]\nurl = 'http://a.cn/x'\nprovince = '广西'\nregoin = 'x'\n",
            "unknown key(s) regoin",
        ),
        (
            "[[source]]\nurl = 'http://a.cn/x'\nprovince = '广西'\nregion = 'liuzhou'\n",
            "region 'liuzhou' must be written in Chinese",
        ),
        ("[[source]]\nlist_url = 'http://a.cn/'\nprovince = '广西'\n", "needs a link_pattern"),
        (
            "[[source]]\nlist_url = 'http://a.cn/'\nlink_pattern = '('\nprovince = '广西'\n",
            "is not a valid regex",
        ),
        (
            "[[source]]\nurl = 'http://a.cn/x'\nlink_pattern = 'x'\nprovince = '广西'\n",
            "link_pattern belongs to a list_url source",
        ),
        (
            "[[source]]\nurl = 'http://a.cn/x'\nprovince = '广西'\n"
            "[[source]]\nurl = 'http://a.cn/x'\nprovince = '重庆'\n",
            "source 2: http://a.cn/x is already source 1",
        ),
        ("[[sources]]\nurl = 'http://a.cn/x'\n", "unknown top-level key(s) sources"),
        ("[[source]\nurl = 1\n", "not a valid TOML file"),
    ],
)
def test_mistakes_are_named(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(SourcesError) as caught:
        load_sources(write(tmp_path, text))
    assert message in str(caught.value)
    assert str(caught.value).startswith("sources.toml: ")
    assert caught.value.reason == "sources file"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourcesError, match="cannot read sources file"):
        load_sources(tmp_path / "nope.toml")


def test_the_shipped_sources_file_is_valid() -> None:
    # The nightly deployment reads it by default: it must load (it lists no portal yet).
    shipped = Path(__file__).resolve().parents[2] / "data" / "sources.toml"
    assert load_sources(shipped) == []
