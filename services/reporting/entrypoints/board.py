"""The office's board: completeness and timeliness per period, consolidated values,
the consolidated report (.docx, .xlsx in S3) and its finalisation against the
office-level deadline."""
from __future__ import annotations

from services.common.actor import Actor
from services.common.clock import iso, local_date
from services.common.rpc import rpc

from .. import events, models, queries
from ..domain import aggregation, periods
from ..exceptions import Conflict, ValidationFailed
from ..render import docx_report, xlsx_report
from ..render.common import DOCX_TYPE, XLSX_TYPE, ReportData
from ..views import deadline_utc, period_view
from .base import ANY_STAFF, OFFICE_LEADERS

BASES = ("approved", "submitted")


class BoardEntrypoints:

    @rpc
    def completeness(self, actor: dict, form_code: str, period_id: str) -> dict:
        """Expected, submitted, on time, late, missing, approved — for the district
        and per unit kind — with the missing units and every unit's state."""
        actor = Actor.parse(actor)
        head, version, spec = self._current(form_code)
        self._require_reader(actor, head.owner_unit)
        period = self._period(spec, period_id)
        units = self._expected_units(spec, head.owner_unit)
        result = queries.completeness_for(self.db, spec, units, [period.id])[period.id]
        return {"form_code": head.code, "form_title": spec.title, "form_version": version.version,
                "period": period_view(period, spec), "office": self._office_status(head, spec, period), **result}

    @rpc
    def completeness_board(self, actor: dict, form_code: str, year: int | None = None) -> dict:
        """Every period of a year at once: totals per period and a unit × period
        grid of states (the chart on the office's board)."""
        actor = Actor.parse(actor)
        head, _, spec = self._current(form_code)
        self._require_reader(actor, head.owner_unit)
        year = int(year or local_date(self.clock.now()).year)
        schedule = spec.schedule(year)
        units = self._expected_units(spec, head.owner_unit)
        results = queries.completeness_for(self.db, spec, units, [p.id for p in schedule])
        grid = {u["code"]: {} for u in units}
        for pid, result in results.items():
            for row in result["units"]:
                grid[row["code"]][pid] = {"status": row["status"], "late": row["late"]}
        return {"form_code": head.code, "form_title": spec.title, "year": year,
                "periods": [{"period": period_view(p, spec), "totals": results[p.id]["totals"],
                             "by_kind": results[p.id]["by_kind"]} for p in schedule],
                "units": [{"code": u["code"], "name": u["name"], "kind": u.get("kind")} for u in units],
                "grid": grid}

    @rpc
    def consolidate(self, actor: dict, form_code: str, period_id: str, basis: str = "approved") -> dict:
        """The schools' values combined per field (sum / average / count as the form says)."""
        actor = Actor.parse(actor)
        head, version, spec = self._current(form_code)
        self._require_reader(actor, head.owner_unit)
        period = self._period(spec, period_id)
        basis = self._basis(basis)
        units = self._expected_units(spec, head.owner_unit)
        found = queries.consolidation_for(self.db, spec, units, [period.id], basis)[period.id]
        final = models.Consolidation.objects(form_code=head.code, period_id=period.id, finalized=True).first()
        return {"form_code": head.code, "form_title": spec.title, "form_version": version.version,
                "period": period_view(period, spec), "basis": basis, "units_expected": len(units),
                "units_included": len(found["units"]), "fields": found["fields"],
                "sections": aggregation.by_section(spec, found["fields"]),
                "finalized": self._export_view(final) if final else None}

    @rpc
    def export_consolidated(self, actor: dict, form_code: str, period_id: str, basis: str = "approved") -> dict:
        """Render the consolidated report (.docx and .xlsx), store both in S3 and
        return short-lived download links."""
        actor = Actor.parse(actor)
        head, version, spec = self._current(form_code)
        self._require_office(actor, head.owner_unit, ANY_STAFF, "xuất báo cáo tổng hợp")
        record = self._render_and_store(actor, head, version, spec, self._period(spec, period_id),
                                        self._basis(basis))
        return self._export_view(record)

    @rpc
    def finalize_consolidation(self, actor: dict, form_code: str, period_id: str) -> dict:
        """The office's leader closes the period's consolidated report (from
        approved data): recorded once, judged against the office-level deadline."""
        actor = Actor.parse(actor)
        head, version, spec = self._current(form_code)
        self._require_office(actor, head.owner_unit, OFFICE_LEADERS, "chốt báo cáo tổng hợp")
        period = self._period(spec, period_id)
        if models.Consolidation.objects(form_code=head.code, period_id=period.id, finalized=True).first():
            raise Conflict(f"Báo cáo tổng hợp {period.label} đã được chốt.")
        record = self._render_and_store(actor, head, version, spec, period, "approved")
        now = self.clock.now()
        office_deadline = deadline_utc(spec.office_deadline, period)
        late = periods.is_late(now, office_deadline)
        models.Consolidation.objects(report_id=record.report_id).update_one(
            set__finalized=True, set__finalized_by=actor.user_id, set__finalized_at=now, set__late=late)
        record.reload()
        self.outbox.add(events.CONSOLIDATED, {
            "form_code": head.code, "form_version": version.version, "period_id": period.id,
            "period_label": period.label, "owner_unit": head.owner_unit, "files": record.files,
            "units_included": record.units_included, "units_expected": record.units_expected,
            "finalized_at": iso(now), "office_deadline": iso(office_deadline), "late": late, "by": actor.user_id})
        return self._export_view(record)

    # ---------------------------------------------------------------- helpers
    @staticmethod
    def _basis(basis: str) -> str:
        if basis not in BASES:
            raise ValidationFailed("Cơ sở tổng hợp là approved hoặc submitted.", {"basis": "invalid"})
        return basis

    def _office_status(self, head, spec, period) -> dict:
        """The office's own level: its consolidated report and its deadline."""
        final = models.Consolidation.objects(form_code=head.code, period_id=period.id, finalized=True).first()
        return {"unit_code": head.owner_unit, "deadline": iso(deadline_utc(spec.office_deadline, period)),
                "finalized": bool(final), "finalized_at": iso(final.finalized_at) if final else None,
                "late": final.late if final else None}

    def _render_and_store(self, actor: Actor, head, version, spec, period: periods.Period,
                          basis: str) -> models.Consolidation:
        units = self._expected_units(spec, head.owner_unit)
        found = queries.consolidation_for(self.db, spec, units, [period.id], basis)[period.id]
        board = queries.completeness_for(self.db, spec, units, [period.id])[period.id]
        office = self._unit(head.owner_unit)
        now = self.clock.now()
        data = ReportData(
            office=office, form={"code": head.code, "title": spec.title, "version": version.version},
            period=period_view(period, spec), issued_on=local_date(now),
            sections=aggregation.by_section(spec, found["fields"]), completeness=board, units=found["units"],
            field_specs=[f for f in spec.fields if f.type != "text"], basis=basis)
        stem = f"Báo cáo tổng hợp {head.code} {period.id}"
        docx = self.storage.put_bytes(docx_report.render(data), f"{stem}.docx", DOCX_TYPE, prefix="reports")
        xlsx = self.storage.put_bytes(xlsx_report.render(data), f"{stem}.xlsx", XLSX_TYPE, prefix="reports")
        record = models.Consolidation(
            form_code=head.code, form_version=version.version, period_id=period.id, owner_unit=head.owner_unit,
            basis=basis, files={"docx": docx.as_dict(), "xlsx": xlsx.as_dict()},
            units_included=len(found["units"]), units_expected=len(units), generated_by=actor.user_id,
            generated_at=now, values=found["fields"])
        record.save(force_insert=True)
        return record

    def _export_view(self, record: models.Consolidation) -> dict:
        seconds = self.settings.REPORTING_LINK_SECONDS
        links = {kind: {"file": f, "url": self.storage.presigned_url(f["key"], f["name"], seconds)}
                 for kind, f in record.files.items()}
        return {"report_id": record.report_id, "form_code": record.form_code, "form_version": record.form_version,
                "period_id": record.period_id, "basis": record.basis, "units_included": record.units_included,
                "units_expected": record.units_expected, "finalized": record.finalized,
                "finalized_at": iso(record.finalized_at), "late": record.late, **links}
