"""Report forms (biểu mẫu báo cáo): typed fields in sections, cross-field rules, the
periods they are reported for, who reports them and by when.

A form is stored as a plain definition dict and read back as a ``FormSpec``;
``build`` checks what a schema cannot (unique codes, rules that name numeric
fields, aggregations that make sense for a type). Pure: no I/O.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from services.common.errors import ValidationFailed

from . import periods

INTEGER, DECIMAL, PERCENT, TEXT, YES_NO, DATE, SELECT = (
    "integer", "decimal", "percent", "text", "yes_no", "date", "select")
FIELD_TYPES = (INTEGER, DECIMAL, PERCENT, TEXT, YES_NO, DATE, SELECT)
NUMERIC = (INTEGER, DECIMAL, PERCENT)
FIELD_TYPE_LABELS = {INTEGER: "Số nguyên", DECIMAL: "Số thập phân", PERCENT: "Tỷ lệ (%)", TEXT: "Văn bản",
                     YES_NO: "Có/Không", DATE: "Ngày", SELECT: "Lựa chọn"}

SUM, AVERAGE, COUNT, NONE = "sum", "average", "count", "none"
AGGREGATIONS = (SUM, AVERAGE, COUNT, NONE)
AGGREGATION_LABELS = {SUM: "Tổng", AVERAGE: "Trung bình", COUNT: "Số đơn vị", NONE: "Không tổng hợp"}
# What may be aggregated how: a sum of percentages or of dates means nothing.
ALLOWED_AGGREGATIONS = {
    INTEGER: (SUM, AVERAGE, COUNT, NONE), DECIMAL: (SUM, AVERAGE, COUNT, NONE), PERCENT: (AVERAGE, COUNT, NONE),
    YES_NO: (COUNT, NONE), SELECT: (COUNT, NONE), DATE: (COUNT, NONE), TEXT: (COUNT, NONE),
}
DEFAULT_AGGREGATION = {INTEGER: SUM, DECIMAL: SUM, PERCENT: AVERAGE, YES_NO: COUNT, SELECT: COUNT, DATE: NONE,
                       TEXT: NONE}

CODE = re.compile(r"^[a-z][a-z0-9_]{0,47}$")
FORM_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{1,31}$")


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class FieldSpec:
    code: str
    label: str
    type: str
    section: str = ""
    required: bool = False
    min: Decimal | None = None
    max: Decimal | None = None
    options: tuple[Option, ...] = ()
    aggregation: str = NONE
    unit: str = ""          # đơn vị tính: "văn bản", "người", "%"
    help: str = ""
    decimals: int = 2

    @property
    def numeric(self) -> bool:
        return self.type in NUMERIC

    def option_label(self, value) -> str:
        return next((o.label for o in self.options if o.value == value), str(value))

    def as_dict(self) -> dict:
        d = {"code": self.code, "label": self.label, "type": self.type, "required": self.required,
             "aggregation": self.aggregation, "unit": self.unit, "help": self.help}
        if self.min is not None:
            d["min"] = _number(self.min)
        if self.max is not None:
            d["max"] = _number(self.max)
        if self.options:
            d["options"] = [{"value": o.value, "label": o.label} for o in self.options]
        if self.type == DECIMAL:
            d["decimals"] = self.decimals
        return d


@dataclass(frozen=True)
class SectionSpec:
    code: str
    title: str
    fields: tuple[FieldSpec, ...]

    def as_dict(self) -> dict:
        return {"code": self.code, "title": self.title, "fields": [f.as_dict() for f in self.fields]}


@dataclass(frozen=True)
class RuleSpec:
    """``left op right``, each side a sum of field codes and numbers:
    ``documents_on_time + documents_overdue <= documents_received``."""
    expr: str
    left: tuple[tuple[int, str], ...]    # (sign, term)
    op: str
    right: tuple[tuple[int, str], ...]
    message: str = ""

    @property
    def field_codes(self) -> list[str]:
        return [t for _, t in self.left + self.right if not _is_number(t)]

    @property
    def left_fields(self) -> list[str]:
        return [t for _, t in self.left if not _is_number(t)]

    def as_dict(self) -> dict:
        return {"expr": self.expr, "message": self.message}


@dataclass(frozen=True)
class FormSpec:
    code: str
    title: str
    sections: tuple[SectionSpec, ...]
    period_types: tuple[str, ...]
    longest_wins: bool = False
    rules: tuple[RuleSpec, ...] = ()
    assigned_kinds: tuple[str, ...] = ()
    assigned_units: tuple[str, ...] = ()
    deadline: periods.DeadlineRule = periods.SCHOOL_DEADLINE
    office_deadline: periods.DeadlineRule = periods.OFFICE_DEADLINE
    reminder_offsets: tuple[int, ...] | None = None   # None: the service default
    description: str = ""
    # Collection starts here: a period due before it is not asked for (a form set up
    # in November does not make January to October overdue). None: every period.
    collect_from: date | None = None
    _by_code: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        self._by_code.update({f.code: f for s in self.sections for f in s.fields})

    @property
    def fields(self) -> list[FieldSpec]:
        return [f for s in self.sections for f in s.fields]

    def field(self, code: str) -> FieldSpec | None:
        return self._by_code.get(code)

    def schedule(self, year: int) -> list[periods.Period]:
        """The periods of a year the units report for: those due from ``collect_from`` on."""
        found = periods.schedule(self.period_types, year, self.longest_wins)
        if self.collect_from is None:
            return found
        return [p for p in found if self.deadline.due_date(p) >= self.collect_from]

    def has_period(self, period: periods.Period) -> bool:
        return period in self.schedule(period.year)

    def assigned_to(self, unit: dict) -> bool:
        return unit.get("kind") in self.assigned_kinds or unit.get("code") in self.assigned_units

    def as_dict(self) -> dict:
        """The stored definition (everything but the code's identity and version)."""
        return {
            "code": self.code, "title": self.title, "description": self.description,
            "period_types": list(self.period_types), "longest_wins": self.longest_wins,
            "sections": [s.as_dict() for s in self.sections], "rules": [r.as_dict() for r in self.rules],
            "assigned_kinds": list(self.assigned_kinds), "assigned_units": list(self.assigned_units),
            "deadline": self.deadline.as_dict(), "office_deadline": self.office_deadline.as_dict(),
            "reminder_offsets": list(self.reminder_offsets) if self.reminder_offsets is not None else None,
            **({"collect_from": self.collect_from.isoformat()} if self.collect_from else {}),
        }

    def fingerprint(self) -> str:
        """Same definition, same fingerprint: saving an unchanged form makes no new version."""
        return hashlib.sha256(json.dumps(self.as_dict(), sort_keys=True, ensure_ascii=False).encode()).hexdigest()


# ---------------------------------------------------------------- building and checking

def build(definition: dict) -> FormSpec:
    """A checked ``FormSpec`` from a definition dict (as stored, or as the schema
    parsed it); ``ValidationFailed`` with a message per problem otherwise."""
    problems: dict[str, str] = {}
    code = str(definition.get("code") or "")
    if not FORM_CODE.match(code):
        problems["code"] = "Mã biểu mẫu gồm chữ in hoa, số, '-' hoặc '_' (2-32 ký tự)."
    types = tuple(dict.fromkeys(definition.get("period_types") or ()))
    if not types:
        problems["period_types"] = "Chọn ít nhất một loại kỳ báo cáo."
    elif any(t not in periods.PERIOD_TYPES for t in types):
        problems["period_types"] = "Loại kỳ báo cáo không hợp lệ."
    sections, seen = [], set()
    for si, s in enumerate(definition.get("sections") or ()):
        fields_ = []
        for fi, f in enumerate(s.get("fields") or ()):
            where = f"sections.{si}.fields.{fi}"
            spec = _field(f, s.get("code") or f"S{si + 1}", where, problems)
            if spec is None:
                continue
            if spec.code in seen:
                problems[f"{where}.code"] = f"Mã chỉ tiêu “{spec.code}” bị trùng."
            seen.add(spec.code)
            fields_.append(spec)
        sections.append(SectionSpec(code=str(s.get("code") or f"S{si + 1}"), title=str(s.get("title") or ""),
                                    fields=tuple(fields_)))
    if not seen and "sections" not in problems:
        problems["sections"] = "Biểu mẫu cần ít nhất một chỉ tiêu."
    by_code = {f.code: f for s in sections for f in s.fields}
    rules = []
    for ri, r in enumerate(definition.get("rules") or ()):
        try:
            rule = parse_rule(r.get("expr", ""), r.get("message") or "")
        except ValueError as exc:
            problems[f"rules.{ri}"] = str(exc)
            continue
        bad = [c for c in rule.field_codes if c not in by_code or not by_code[c].numeric]
        if bad:
            problems[f"rules.{ri}"] = "Quy tắc chỉ dùng được chỉ tiêu dạng số: " + ", ".join(bad)
            continue
        rules.append(rule)
    kinds = tuple(definition.get("assigned_kinds") or ())
    units = tuple(definition.get("assigned_units") or ())
    if not kinds and not units:
        problems["assigned_kinds"] = "Chọn loại đơn vị hoặc danh sách đơn vị phải báo cáo."
    try:
        deadline = periods.DeadlineRule.from_dict(definition.get("deadline"), periods.SCHOOL_DEADLINE)
        office_deadline = periods.DeadlineRule.from_dict(definition.get("office_deadline"), periods.OFFICE_DEADLINE)
    except (periods.PeriodError, TypeError, ValueError):
        problems["deadline"] = "Hạn báo cáo không hợp lệ (ngày 1-31, cộng thêm 0-12 tháng)."
        deadline, office_deadline = periods.SCHOOL_DEADLINE, periods.OFFICE_DEADLINE
    offsets = definition.get("reminder_offsets")
    if offsets is not None:
        try:
            offsets = tuple(sorted({int(o) for o in offsets}))
        except (TypeError, ValueError):
            problems["reminder_offsets"] = "Lịch nhắc là danh sách số ngày so với hạn (âm: trước hạn)."
            offsets = None
    collect_from = definition.get("collect_from")
    if collect_from is not None and not isinstance(collect_from, date):
        try:
            collect_from = date.fromisoformat(str(collect_from))
        except ValueError:
            problems["collect_from"] = "Ngày bắt đầu thu báo cáo không hợp lệ (YYYY-MM-DD)."
            collect_from = None
    if problems:
        raise ValidationFailed("Biểu mẫu không hợp lệ.", problems)
    return FormSpec(code=code, title=str(definition.get("title") or ""), sections=tuple(sections),
                    period_types=types, longest_wins=bool(definition.get("longest_wins")), rules=tuple(rules),
                    assigned_kinds=kinds, assigned_units=units, deadline=deadline, office_deadline=office_deadline,
                    reminder_offsets=offsets, description=str(definition.get("description") or ""),
                    collect_from=collect_from)


def _field(f: dict, section: str, where: str, problems: dict) -> FieldSpec | None:
    code, ftype = str(f.get("code") or ""), f.get("type")
    if not CODE.match(code):
        problems[f"{where}.code"] = "Mã chỉ tiêu gồm chữ thường, số và '_' (bắt đầu bằng chữ)."
        return None
    if ftype not in FIELD_TYPES:
        problems[f"{where}.type"] = "Kiểu dữ liệu không hợp lệ."
        return None
    aggregation = f.get("aggregation") or DEFAULT_AGGREGATION[ftype]
    if aggregation not in ALLOWED_AGGREGATIONS[ftype]:
        problems[f"{where}.aggregation"] = (f"Kiểu “{FIELD_TYPE_LABELS[ftype]}” chỉ tổng hợp được theo: "
                                            + ", ".join(AGGREGATION_LABELS[a] for a in ALLOWED_AGGREGATIONS[ftype]))
    low, high = _decimal(f.get("min")), _decimal(f.get("max"))
    if ftype == PERCENT:
        low = Decimal(0) if low is None else low
        high = Decimal(100) if high is None else high
    if low is not None and high is not None and low > high:
        problems[f"{where}.min"] = "Giá trị nhỏ nhất lớn hơn giá trị lớn nhất."
    options = tuple(Option(str(o["value"]), str(o.get("label") or o["value"])) for o in f.get("options") or ())
    if ftype == SELECT and not options:
        problems[f"{where}.options"] = "Chỉ tiêu lựa chọn cần danh sách lựa chọn."
    if len({o.value for o in options}) != len(options):
        problems[f"{where}.options"] = "Giá trị lựa chọn bị trùng."
    return FieldSpec(code=code, label=str(f.get("label") or code), type=ftype, section=section,
                     required=bool(f.get("required")), min=low, max=high, options=options,
                     aggregation=aggregation, unit=str(f.get("unit") or ("%" if ftype == PERCENT else "")),
                     help=str(f.get("help") or ""), decimals=int(f.get("decimals", 2)))


# ---------------------------------------------------------------- cross-field rules

_RULE = re.compile(r"^(.+?)\s*(<=|>=|==|!=|<|>|=)\s*(.+)$")
_TERM = re.compile(r"\s*([+-]?)\s*([a-z][a-z0-9_]*|\d+(?:\.\d+)?)\s*")
OPERATORS = {"<=": "nhỏ hơn hoặc bằng", ">=": "lớn hơn hoặc bằng", "<": "nhỏ hơn", ">": "lớn hơn",
             "==": "bằng", "!=": "khác"}


def parse_rule(expr: str, message: str = "") -> RuleSpec:
    match = _RULE.match((expr or "").strip())
    if not match:
        raise ValueError(f"Quy tắc “{expr}” không hợp lệ (ví dụ: a + b <= c).")
    left, op, right = match.groups()
    op = "==" if op == "=" else op
    return RuleSpec(expr=expr.strip(), left=_terms(left, expr), op=op, right=_terms(right, expr), message=message)


def _terms(side: str, expr: str) -> tuple[tuple[int, str], ...]:
    terms, pos, side = [], 0, side.strip()
    while pos < len(side):
        match = _TERM.match(side, pos)
        if not match or match.end() == pos or (terms and not match.group(1)):
            raise ValueError(f"Quy tắc “{expr}” không hợp lệ (ví dụ: a + b <= c).")
        terms.append((-1 if match.group(1) == "-" else 1, match.group(2)))
        pos = match.end()
    if not terms:
        raise ValueError(f"Quy tắc “{expr}” không hợp lệ (ví dụ: a + b <= c).")
    return tuple(terms)


def _is_number(term: str) -> bool:
    return term[0].isdigit()


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    return Decimal(str(value))


def _number(value: Decimal):
    return int(value) if value == value.to_integral_value() else float(value)
