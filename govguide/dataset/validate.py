"""Checks a version's tables must pass before they are published.

Column rules (non-empty names, days ≥ 0, unique ids, allowed values) are pandera schemas
over pandas views of the tables; the rules pandera cannot express on one frame (nested
lists, references between tables) are plain Python. All violations are collected, not
just the first, so one run shows everything that is wrong.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, get_args

import pandas as pd
import pandera.pandas as pa_schema
import pyarrow as pa
from pandera.errors import SchemaErrors

from govguide.core.errors import PublishError
from govguide.core.models import DaysUnit, LimitStatus, MatchMethod
from govguide.dataset.file_changes import FILE_CHANGES
from govguide.dataset.schema import FILE_STATUSES

_NON_EMPTY = pa_schema.Check(
    lambda s: s.astype("string").str.strip().str.len() > 0, element_wise=False, name="non_empty"
)
_DAYS = pa_schema.Check.ge(0, name="days_ge_0")


def _one_of(literal: Any) -> pa_schema.Check:
    """The values of a Literal type of the models, the one list of what a column may hold."""
    return pa_schema.Check.isin(list(get_args(literal)))


ITEMS_CHECK = pa_schema.DataFrameSchema(
    {
        # The PDF and the DOCX of one guide give the same item ids: an item row is its id
        # in one file.
        "item_id": pa_schema.Column(str, nullable=False),
        "guide_id": pa_schema.Column(str, nullable=False),
        "content_id": pa_schema.Column(str, nullable=False),
        "item_name": pa_schema.Column(str, _NON_EMPTY, nullable=False),
        "legal_days": pa_schema.Column(float, _DAYS, nullable=True, coerce=True),
        "promised_days": pa_schema.Column(float, _DAYS, nullable=True, coerce=True),
        # Null when the item states no limit.
        "days_unit": pa_schema.Column(str, _one_of(DaysUnit), nullable=True),
        "legal_days_status": pa_schema.Column(str, _one_of(LimitStatus), nullable=False),
        "promised_days_status": pa_schema.Column(str, _one_of(LimitStatus), nullable=False),
        "match_score": pa_schema.Column(
            float, pa_schema.Check.in_range(0, 100), nullable=True, coerce=True
        ),
        "match_method": pa_schema.Column(str, _one_of(MatchMethod), nullable=True),
        "source_file": pa_schema.Column(str, _NON_EMPTY, nullable=False),
        "source_sha256": pa_schema.Column(
            str, pa_schema.Check.str_matches(r"^[0-9a-f]{64}$"), nullable=False
        ),
        "item_index": pa_schema.Column(int, pa_schema.Check.ge(0), nullable=False, coerce=True),
    },
    unique=["item_id", "source_file"],
    name="items",
)


def _entries_check(
    name: str, index: str, columns: dict[str, pa_schema.Column]
) -> pa_schema.DataFrameSchema:
    """The rules of a table with one row per entry of an item's list: each row names its
    item row and its position in the list, once, and ``columns`` hold the entry."""
    return pa_schema.DataFrameSchema(
        {
            "item_id": pa_schema.Column(str, nullable=False),
            "source_file": pa_schema.Column(str, _NON_EMPTY, nullable=False),
            index: pa_schema.Column(int, pa_schema.Check.ge(0), nullable=False, coerce=True),
            **columns,
        },
        unique=["item_id", "source_file", index],
        name=name,
    )


MATERIALS_CHECK = _entries_check(
    "materials",
    "material_index",
    {
        "name": pa_schema.Column(str, _NON_EMPTY, nullable=False),
        "copies": pa_schema.Column(float, pa_schema.Check.ge(0), nullable=True, coerce=True),
    },
)
LEGAL_BASIS_CHECK = _entries_check(
    "legal_basis", "basis_index", {"title": pa_schema.Column(str, _NON_EMPTY, nullable=False)}
)

FILES_CHECK = pa_schema.DataFrameSchema(
    {
        "path": pa_schema.Column(str, _NON_EMPTY, nullable=False, unique=True),
        "status": pa_schema.Column(str, pa_schema.Check.isin(list(FILE_STATUSES)), nullable=False),
        "change": pa_schema.Column(str, pa_schema.Check.isin(list(FILE_CHANGES)), nullable=True),
    },
    name="files",
)

_CHECKS = {
    "items": ITEMS_CHECK,
    "materials": MATERIALS_CHECK,
    "legal_basis": LEGAL_BASIS_CHECK,
    "files": FILES_CHECK,
}


@dataclass(frozen=True)
class Violation:
    table: str
    column: str | None
    check: str
    detail: str

    def __str__(self) -> str:
        where = f"{self.table}.{self.column}" if self.column else self.table
        return f"{where}: {self.check}: {self.detail}"


class ValidationError(PublishError):
    """The tables broke a rule; nothing was published."""

    reason = "invalid data"

    def __init__(self, violations: list[Violation]) -> None:
        shown = "; ".join(str(v) for v in violations[:10])
        more = f" (+{len(violations) - 10} more)" if len(violations) > 10 else ""
        super().__init__(f"{len(violations)} validation failure(s): {shown}{more}")
        self.violations = violations


def _frame(table: pa.Table, columns: list[str]) -> pd.DataFrame:
    """A pandas view of the flat columns, dictionary columns decoded to plain strings."""
    present = [c for c in columns if c in table.column_names]
    arrays = []
    for name in present:
        col = table.column(name)
        if pa.types.is_dictionary(col.type):
            col = col.cast(col.type.value_type)
        arrays.append(col)
    flat = pa.Table.from_arrays(arrays, names=present)
    frame = flat.to_pandas()
    for name in present:  # nullable strings stay objects so pandera's str dtype applies
        if pa.types.is_string(flat.column(name).type):
            frame[name] = frame[name].astype(object)
    return frame


def _pandera(name: str, table: pa.Table) -> list[Violation]:
    check = _CHECKS[name]
    if table.num_rows == 0:
        # No row can break a column rule, and pandas cannot tell an empty column of strings
        # from one of objects (pandera would refuse its dtype): only the columns must exist.
        return [
            Violation(name, column, "column_in_dataframe", "column is missing")
            for column in check.columns
            if column not in table.column_names
        ]
    try:
        columns = list(dict.fromkeys([*check.columns, *(check.unique or [])]))
        check.validate(_frame(table, columns), lazy=True)
    except SchemaErrors as err:
        out: list[Violation] = []
        cases = err.failure_cases
        for _, case in cases.head(50).iterrows():
            out.append(
                Violation(
                    name,
                    None if pd.isna(case.get("column")) else str(case.get("column")),
                    str(case.get("check")),
                    f"failure case {case.get('failure_case')!r} at row {case.get('index')}",
                )
            )
        return out
    return []


def _nested(tables: dict[str, pa.Table]) -> list[Violation]:
    out: list[Violation] = []
    items = tables.get("items")
    if items is None:
        return [Violation("items", None, "present", "no items table")]
    names = items.column("item_name").to_pylist()
    for name, conds in zip(names, items.column("time_limit_conditions").to_pylist(), strict=True):
        for cond in conds or []:
            if cond["days"] is None or cond["days"] < 0:
                out.append(
                    Violation("items", "time_limit_conditions", "days_ge_0", f"{name}: {cond}")
                )
    if "legal_basis" in tables:
        lb = tables["legal_basis"]
        for title, arts in zip(
            lb.column("title").to_pylist(), lb.column("articles").to_pylist(), strict=True
        ):
            bad = [a for a in arts or [] if a is None or a < 1]
            if bad:
                out.append(Violation("legal_basis", "articles", "article_ge_1", f"{title}: {bad}"))
    return out


def _references(tables: dict[str, pa.Table]) -> list[Violation]:
    """Every material and citation belongs to an item, and each item's counts match."""
    out: list[Violation] = []
    items = tables["items"]
    ids = list(
        zip(
            items.column("item_id").to_pylist(),
            items.column("source_file").to_pylist(),
            strict=True,
        )
    )
    known = set(ids)
    expected = {
        "materials": dict(zip(ids, items.column("n_materials").to_pylist(), strict=True)),
        "legal_basis": dict(zip(ids, items.column("n_legal_basis").to_pylist(), strict=True)),
    }
    for name in ("materials", "legal_basis"):
        if name not in tables:
            continue
        refs = list(
            zip(
                tables[name].column("item_id").to_pylist(),
                tables[name].column("source_file").to_pylist(),
                strict=True,
            )
        )
        orphans = sorted({r for r in refs if r not in known})
        if orphans:
            out.append(Violation(name, "item_id", "references_items", f"unknown ids {orphans[:5]}"))
        counts = Counter(refs)
        wrong = [i for i, n in expected[name].items() if counts.get(i, 0) != (n or 0)]
        if wrong:
            out.append(
                Violation(name, "item_id", "row_count_matches_items", f"mismatch for {wrong[:5]}")
            )
    return out


def validate_tables(tables: dict[str, pa.Table]) -> list[Violation]:
    """Every rule the tables break (empty when they are fit to publish)."""
    out: list[Violation] = []
    for name in _CHECKS:
        if name in tables:
            out.extend(_pandera(name, tables[name]))
    out.extend(_nested(tables))
    if "items" in tables:
        out.extend(_references(tables))
    return out


def check_tables(tables: dict[str, pa.Table]) -> None:
    """Raise :class:`ValidationError` listing every violation, if any."""
    violations = validate_tables(tables)
    if violations:
        raise ValidationError(violations)
