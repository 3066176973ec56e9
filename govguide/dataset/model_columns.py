"""Published columns derived from the pydantic models (:mod:`govguide.core.models`).

A field is declared once, in its model: its column's name, position and Arrow type follow
from the field and its annotation, and a ``Literal`` type gives the column's allowed values.
What a table adds to the model (ids, counts, statuses computed when publishing) or stores
in another shape is spelled out where the table is defined (:mod:`govguide.dataset.schema`).
"""

from __future__ import annotations

import types
from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from typing import Any, Literal, Union, get_args, get_origin

import pyarrow as pa
from pydantic import BaseModel

# Strings that repeat across rows are stored once per table, as dictionary indices.
DICTIONARY = pa.dictionary(pa.int32(), pa.string())

# The published widths: counts, days and positions fit 32 bits; times to the second, UTC.
_SCALARS: dict[Any, pa.DataType] = {
    str: pa.string(),
    int: pa.int32(),
    float: pa.float64(),
    bool: pa.bool_(),
    datetime: pa.timestamp("s", tz="UTC"),
}

Column = tuple[str, pa.DataType]


def _without_none(annotation: Any) -> Any:
    """``X`` for ``X | None`` (a null is a column's null, not a type)."""
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def allowed_values(annotation: Any) -> tuple[str, ...]:
    """The values of a ``Literal`` type (or ``Literal | None``), in declared order; ``()``
    for any other type."""
    inner = _without_none(annotation)
    return get_args(inner) if get_origin(inner) is Literal else ()


def arrow_type(annotation: Any) -> pa.DataType:
    """The Arrow type a field of this annotation is published as.

    Raises :class:`TypeError` for a type with no one obvious column (a dict, a union of
    several types): such a field is published in a shape given by its table."""
    inner = _without_none(annotation)
    origin = get_origin(inner)
    args = get_args(inner)
    if inner in _SCALARS:
        return _SCALARS[inner]
    if origin is Literal and all(isinstance(a, str) for a in args):
        return pa.string()
    if origin is list and len(args) == 1:
        return pa.list_(arrow_type(args[0]))
    if origin is tuple and args and Ellipsis not in args and len(set(args)) == 1:
        return pa.list_(arrow_type(args[0]), len(args))  # a fixed-size tuple (a bbox)
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return struct_type(inner)
    raise TypeError(f"no Arrow type for {annotation!r}; give the field's column type explicitly")


def struct_type(model: type[BaseModel]) -> pa.StructType:
    """A struct with one field per model field, in field order."""
    return pa.struct([(name, arrow_type(f.annotation)) for name, f in model.model_fields.items()])


def model_columns(
    model: type[BaseModel],
    *,
    before: Mapping[str, Sequence[Column]] | None = None,
    dictionary: Collection[str] = (),
    stored: Mapping[str, pa.DataType] | None = None,
) -> list[Column]:
    """The columns of a table with one row per ``model``: one per field, in field order.

    ``before[f]`` are computed columns placed before field ``f``; fields named in
    ``dictionary`` (and every ``Literal`` field, a closed vocabulary) are dictionary
    encoded; ``stored[f]`` is the type of a field published in another shape than its
    annotation gives (a dict as a list of rows). A name that is not a field of the model
    is an error, so a misspelt or removed field cannot pass unnoticed."""
    before = before or {}
    stored = stored or {}
    unknown = sorted((set(before) | set(dictionary) | set(stored)) - set(model.model_fields))
    if unknown:
        raise ValueError(f"{unknown} are not fields of {model.__name__}")
    columns: list[Column] = []
    for name, field in model.model_fields.items():
        columns.extend(before.get(name, ()))
        if name in stored:
            columns.append((name, stored[name]))
        elif name in dictionary or allowed_values(field.annotation):
            columns.append((name, DICTIONARY))
        else:
            columns.append((name, arrow_type(field.annotation)))
    return columns


def literal_columns(model: type[BaseModel]) -> dict[str, tuple[str, ...]]:
    """The allowed values of each ``Literal`` field of ``model``."""
    out: dict[str, tuple[str, ...]] = {}
    for name, field in model.model_fields.items():
        if values := allowed_values(field.annotation):
            out[name] = values
    return out
