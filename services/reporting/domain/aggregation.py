"""Consolidation: the units' values of one form and period combined per field as
the form says (sum, average, count; select fields counted per option; text
fields collected, not summed). Decimal arithmetic, so 0.1 + 0.2 is 0.3 in an
official report. Pure."""
from __future__ import annotations

from decimal import Decimal

from .forms import (AVERAGE, COUNT, DECIMAL, INTEGER, NONE, PERCENT, SELECT, SUM, TEXT, YES_NO, FieldSpec,
                    FormSpec)


def aggregate_field(field: FieldSpec, values: list) -> dict:
    """``values``: one per unit that reported (None for a unit that left it blank)."""
    present = [v for v in values if v is not None and v != ""]
    result = {"code": field.code, "label": field.label, "type": field.type, "section": field.section,
              "aggregation": field.aggregation, "unit": field.unit, "reporting_units": len(present),
              "value": None}
    if field.type == SELECT:
        counts = {o.value: 0 for o in field.options}
        for v in present:
            counts[v] = counts.get(v, 0) + 1
        result["option_counts"] = [{"value": k, "label": field.option_label(k), "count": n}
                                   for k, n in counts.items()]
    if field.aggregation == NONE:
        if field.type == TEXT:
            result["texts"] = present
        return result
    if field.aggregation == COUNT:
        result["value"] = sum(1 for v in present if v is True) if field.type == YES_NO else len(present)
        return result
    numbers = [Decimal(str(v)) for v in present if isinstance(v, (int, float)) and not isinstance(v, bool)]
    result["reporting_units"] = len(numbers)
    if not numbers:
        return result
    if field.aggregation == SUM:
        result["value"] = _shape(field, sum(numbers, Decimal(0)))
    elif field.aggregation == AVERAGE:
        result["value"] = float(round(sum(numbers, Decimal(0)) / len(numbers), 2))
    return result


def _shape(field: FieldSpec, total: Decimal):
    if field.type == INTEGER:
        return int(total)
    if field.type in (DECIMAL, PERCENT):
        return float(round(total, max(field.decimals, 2)))
    return float(total)


def consolidate(form: FormSpec, rows: list[dict]) -> list[dict]:
    """One result per field of ``form`` (in form order) over ``rows``, each a dict
    of ``values``. Codes a row carries that the form no longer has are ignored:
    an older version's extra fields do not reach the report."""
    return [aggregate_field(f, [r.get(f.code) for r in rows]) for f in form.fields]


def by_section(form: FormSpec, results: list[dict]) -> list[dict]:
    index = {r["code"]: r for r in results}
    return [{"code": s.code, "title": s.title, "fields": [index[f.code] for f in s.fields]} for s in form.sections]


def consolidate_many(form: FormSpec, rows_by_period: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The same, for several periods at once (the yearly board, the benchmark)."""
    return {period_id: consolidate(form, rows) for period_id, rows in rows_by_period.items()}


__all__ = ["aggregate_field", "consolidate", "by_section", "consolidate_many", "AVERAGE", "COUNT", "SUM"]
