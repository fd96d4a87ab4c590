"""Case and source variables in REFI-QDA: typed values out of respondent columns, and back.

A respondents column becomes a REFI ``Variable`` whose type follows the column's dtype; its
values are written as ``TextValue``, ``IntegerValue`` ... under each case (or, for variables a
program kept on its sources, such as MAXQDA's document variables, under each source). Reading
turns them back into typed columns: a ``Float`` variable whose values are all whole numbers
comes back as integers (QualCoder writes every number as a Float: 34 stays 34, not 34.0).

>>> import pandas as pd
>>> var_type(pd.Series([34, 51])), format_value(34.0, "Float"), format_value(True, "Boolean")
('Integer', '34', 'true')
>>> parse_value("FloatValue", " 34 ")
34.0
"""
from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Any

import pandas as pd
from lxml import etree

from qualkit.errors import RefiError
from qualkit.refi.blocks import GuidPool, bad_xml_char, xml_clean
from qualkit.refi.meta import RefiMeta

NS = "urn:QDA-XML:project:1.0"
VALUE_TAGS = {"Text": "TextValue", "Boolean": "BooleanValue", "Integer": "IntegerValue",
              "Float": "FloatValue", "Date": "DateValue", "DateTime": "DateTimeValue"}
_DTYPES = {"Integer": "Int64", "Boolean": "boolean", "Float": "float64"}
_WIDER = {("Integer", "Float"), ("Date", "DateTime")}
"""(type of the values, type the file declared): written as declared, which holds the values too."""


def var_type(s: pd.Series) -> str:
    """The REFI ``typeOfVariable`` for a respondents column, from its dtype."""
    if pd.api.types.is_bool_dtype(s):
        return "Boolean"
    if pd.api.types.is_integer_dtype(s):
        return "Integer"
    if pd.api.types.is_float_dtype(s):
        return "Float"
    if pd.api.types.is_datetime64_any_dtype(s):
        v = s.dropna()
        return "Date" if getattr(s.dt, "tz", None) is None and (v == v.dt.normalize()).all() else "DateTime"
    kind = pd.api.types.infer_dtype(s, skipna=True)
    return {"boolean": "Boolean", "integer": "Integer", "floating": "Float", "mixed-integer-float": "Float",
            "date": "Date", "datetime": "DateTime"}.get(kind, "Text")


def format_value(v: Any, kind: str) -> str | None:
    """A value as REFI XML text for ``kind``, or None when missing or not representable."""
    try:
        if v is None or v is pd.NA or pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    if kind == "Boolean":
        return "true" if bool(v) else "false"
    if kind == "Integer":
        return str(int(v))
    if kind == "Float":
        f = float(v)
        if not math.isfinite(f):
            return None
        return str(int(f)) if f.is_integer() and abs(f) < 2 ** 53 else format(Decimal(repr(f)), "f")
    if kind == "Date":
        return (v.date() if isinstance(v, dt.datetime) else v).isoformat()
    if kind == "DateTime":
        return pd.Timestamp(v).isoformat()
    return xml_clean(str(v))


def variables_of(resp: pd.DataFrame, name: str, where: str, meta: RefiMeta, ids: GuidPool) -> list[dict[str, Any]]:
    """Every respondents column as ``{name, type, guid, values: {unit: text}}`` (GUIDs from ``meta``)."""
    out = []
    index = [str(u) for u in resp.index]
    for col in resp.columns:
        s = resp[col]
        if isinstance(s, pd.DataFrame):
            raise RefiError(533, where=where, variable=col)
        bad = bad_xml_char(str(col))
        if bad:
            raise RefiError(532, where=where, what=f"respondent variable name '{col}'", bad=bad)
        kind = var_type(s)
        if (kind, meta.variable_types.get(str(col))) in _WIDER:
            kind = meta.variable_types[str(col)]
        values: dict[str, str] = {}
        for u, v in zip(index, s.tolist()):
            text = format_value(v, kind)
            if text is not None:
                values.setdefault(u, text)
        out.append({"name": str(col), "type": kind, "values": values,
                    "guid": ids.take(meta.variables.get(str(col)), "variable", name, str(col))})
    return out


def write_values(el: etree._Element, variables: list[dict[str, Any]], unit: str) -> None:
    """``VariableValue`` s of ``unit`` under a case or source element."""
    for var in variables:
        value = var["values"].get(unit)
        if value is not None:
            vv = etree.SubElement(el, f"{{{NS}}}VariableValue")
            etree.SubElement(vv, f"{{{NS}}}VariableRef", targetGUID=var["guid"])
            etree.SubElement(vv, f"{{{NS}}}{VALUE_TAGS[var['type']]}").text = value


def parse_value(tag: str, text: str) -> Any:
    """The Python value of a ``TextValue``, ``IntegerValue`` ... element (ValueError if unreadable)."""
    text = text.strip() if tag != "TextValue" else text
    if tag == "BooleanValue":
        if text.lower() not in ("true", "false", "1", "0"):
            raise ValueError(tag)
        return text.lower() in ("true", "1")
    if tag == "IntegerValue":
        return int(text)
    if tag == "FloatValue":
        return float(text)
    if tag in ("DateValue", "DateTimeValue"):
        return pd.Timestamp(text)
    return text


def respondents_frame(units: list[str], values: dict[str, dict[str, Any]],
                      types: dict[str, str]) -> tuple[pd.DataFrame, list[str]]:
    """The respondents frame (one row per unit, one typed column per variable) and the names of
    variables whose values do not fit their type (kept as read)."""
    names = list(types)
    frame = pd.DataFrame({n: [values.get(u, {}).get(n) for u in units] for n in names},
                         index=pd.Index(units, name="unit_id"), columns=names)
    bad = []
    for n in names:
        t = types[n]
        if t == "Float" and all(isinstance(v, float) and v.is_integer() and abs(v) < 2 ** 53
                                for v in frame[n].dropna()) and frame[n].notna().any():
            t = "Integer"  # QualCoder writes every number as a Float: 34 stays 34, not 34.0
        try:
            if t in _DTYPES:
                frame[n] = frame[n].astype(_DTYPES[t])
            elif t in ("Date", "DateTime"):
                frame[n] = pd.to_datetime(frame[n])
        except (ValueError, TypeError):
            bad.append(n)
    return frame, bad
