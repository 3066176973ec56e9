"""Throughput of name alignment: 10,000 item names against the catalog.

Run: ``python benchmarks/bench_align.py [--names N] [--repeat R]``. Prints the time and
items/s of the matcher (``normalizers.alignment.align.match_names``) with the catalog and jieba's
dictionary loaded beforehand, as in a long-running flow, for two batches:

- *crawl-like*: names drawn from the wordings provinces use, repeating as they do in a
  national crawl (the same service under the same name in many regions);
- *all distinct*: every name a different string (place prefixes, suffixes), the worst case.

Each batch runs on a freshly loaded catalog: once with its per-name caches cold (every name
normalised and segmented), then ``--repeat`` times warm (the best run is shown). CPU time
is shown next to wall time: on a busy machine it is the steadier figure.
"""

from __future__ import annotations

import argparse
import itertools
import random
import time

from normalizers.alignment.align import Match, match_names
from normalizers.alignment.catalog import Catalog, default_catalog, load_catalog

STEMS = [
    "单位参保登记",
    "职工参保登记",
    "城乡居民医保参保登记",
    "灵活就业人员参保登记",
    "单位信息变更",
    "参保人员参保信息变更登记",
    "个人参保信息查询打印",
    "个人账户一次性提取",
    "出具《参保凭证》",
    "流动就业人员基本医疗保险关系转出",
    "异地就医登记备案",
    "转诊转院备案",
    "异地安置退休人员备案",
    "门诊特殊慢性病病种待遇资格认定",
    "门诊慢性病认定",
    "住院医疗费用零星报销",
    "门诊费用手工报销",
    "生育医疗费用支付",
    "生育津贴申领",
    "医疗救助对象手工（零星）报销",
    "定点医疗机构申请",
    "零售药店定点申请",
    "定点医药机构费用结算",
    "年度工资申报",
    "单位补缴",
    "个人参保一次性趸缴",
    "出国（境）带药备案",
    "医保个人账户长期关联",
    "异地就医备案取消",
    "医保药品目录查询",
    "常驻异地工作人员备案",
    "异地长期居住人员备案",
    "计划生育医疗费支付",
    "参保单位参保信息查询",
    "基本医疗保险缴费工资申报",
    "医疗保险费补缴手续办理",
    "住院费用报销",
    "门诊费用报销",
    "基本医疗保险关系转移接续",
    "医疗机构申请定点协议管理",
    "零售药店申请定点协议管理",
    "基本医疗保险定点零售药店费用结算",
    "城乡居民参保信息变更登记",
    "职工参保信息变更登记",
    "退休人员缴费年限认定",
    "医疗保险在职转退休申报",
    "跨省异地就医备案",
    "生育津贴复算、支付",
]
PLACES = [
    "",
    "广西",
    "重庆市",
    "浙江省",
    "柳州市",
    "酉阳县",
    "杭州市",
    "成都市",
    "市本级",
    "跨省",
    "省内",
    "市外",
    "南宁市",
    "桂林市",
    "宁波市",
    "温州市",
    "绵阳市",
    "万州区",
    "江北区",
    "西湖区",
    "县级",
    "区级",
    "全市",
    "本市",
    "省级",
    "异地",
    "城区",
    "开发区",
    "新区",
    "高新区",
]
SUFFIXES = ["", "手续办理", "（即办件）", "申请", "业务", "（承诺件）", "服务"]


def crawl_like(n: int, seed: int = 7) -> list[str]:
    """Names as a crawl sees them: few wordings, each repeated across many regions."""
    rng = random.Random(seed)
    pool = [p + s + x for p, s, x in itertools.product(PLACES[:4], STEMS, SUFFIXES[:4])]
    return [rng.choice(pool) for _ in range(n)]


def all_distinct(n: int, seed: int = 7) -> list[str]:
    combos = [p + s + x for p, s, x in itertools.product(PLACES, STEMS, SUFFIXES)]
    random.Random(seed).shuffle(combos)
    if n > len(combos):
        raise SystemExit(f"at most {len(combos)} distinct names")
    return combos[:n]


def timed(names: list[str], catalog: Catalog) -> tuple[float, float, list[Match]]:
    """Wall and CPU seconds of one ``match_names`` call, and its matches."""
    wall, cpu = time.perf_counter(), time.process_time()
    matches = match_names(names, catalog)
    return time.perf_counter() - wall, time.process_time() - cpu, matches


def run(label: str, names: list[str], repeat: int) -> None:
    catalog = load_catalog()  # per-name caches empty: the first run is cold
    match_names(["单位参保登记"], catalog)  # build the index outside the timing
    cold_wall, cold_cpu, matches = timed(names, catalog)
    warm = [timed(names, catalog) for _ in range(repeat)]
    warm_wall, warm_cpu = min(w for w, _, _ in warm), min(c for _, c, _ in warm)
    print(
        f"{label:>12}: {len(names)} names ({len(set(names))} distinct): "
        f"cold {cold_wall:.3f} s (cpu {cold_cpu:.3f}), "
        f"warm {warm_wall:.3f} s (cpu {warm_cpu:.3f}) = {len(names) / warm_wall:>9,.0f} items/s; "
        f"{sum(m.accepted for m in matches)} accepted, "
        f"{sum(m.needs_review for m in matches)} to review"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="warm runs; the best is shown")
    args = parser.parse_args()
    catalog = default_catalog()
    match_names(["单位参保登记"], catalog)  # load jieba's dictionary outside the timing
    print(f"catalog {catalog.version}: {len(catalog)} entries, {len(catalog.index.forms)} wordings")
    run("crawl-like", crawl_like(args.names), args.repeat)
    run("all distinct", all_distinct(args.names), args.repeat)


if __name__ == "__main__":
    main()
