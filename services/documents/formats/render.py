"""Render an official document as .docx laid out per Decree 30/2020/NĐ-CP
(Appendix I): A4, Times New Roman, the two-column header, title and summary,
body, "Nơi nhận" and signer blocks, marks, page numbers from page 2.

``render_docx(dict) -> bytes`` is pure (no service, no I/O): the documents
service uses it for drafts and issued documents, meetings for giấy mời and
biên bản.
"""
from __future__ import annotations

import io
import re

from docx import Document as Docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from services.common.schemas import load

from .. import domain
from . import decree30 as d30
from . import docxkit as kit
from .spec import DocumentSpec, SignerSpec

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# Page geometry (mm): margins inside Decree 30's ranges (top/bottom 20–25,
# left 30–35, right 15–20); the text block is 165 mm wide.
PAGE_W, PAGE_H = 210, 297
TOP, BOTTOM, LEFT, RIGHT = 20, 20, 30, 15
TEXT_W = PAGE_W - LEFT - RIGHT
# The header's columns reach slightly into the margins, as the Decree's
# samples do, so the national title fits on one line at 12–13 pt.
HEADER_COLS = (80, 98)
FOOTER_COLS = (80, 85)
CELL_PAD = 4   # both cell margins together, to size rules inside a cell

BODY_PT = 14
INDENT_MM = 12.7   # first-line indent 1.27 cm
SIGNATURE_LINES = 4

_ROMAN_HEADING = re.compile(r"^(?:[IVX]+|[A-Z])\.\s")
_ARTICLE = re.compile(r"^(Điều\s+\d+\.)\s*(.*)$")


def _centred_heading(text: str) -> bool:
    """A line in capitals that is not a numbered heading: "QUYẾT ĐỊNH:", or the
    authority line of a decision ("TRƯỞNG PHÒNG GIÁO DỤC VÀ ĐÀO TẠO")."""
    return text.upper() == text and any(c.isalpha() for c in text) and not _ROMAN_HEADING.match(text) \
        and not text[0].isdigit() and not text.startswith(("-", "+"))


def render_docx(data: dict) -> bytes:
    """The .docx bytes of the document described by ``data`` (see ``DocumentSpec``).
    Raises ``ValidationFailed`` for bad input."""
    spec = load(DocumentSpec, data)
    doc = _new_document()
    _header(doc, spec)
    if spec.type_code == domain.CONG_VAN:
        _addressees(doc, spec.addressees)
    else:
        _title(doc, spec)
    _body(doc, spec)
    _closing(doc, spec)
    _page_numbers(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _new_document():
    doc = Docx()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_W), Mm(PAGE_H)
    section.top_margin, section.bottom_margin = Mm(TOP), Mm(BOTTOM)
    section.left_margin, section.right_margin = Mm(LEFT), Mm(RIGHT)
    section.header_distance = Mm(10)
    normal = doc.styles["Normal"]
    kit.set_font(normal)
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    return doc


# ---------------------------------------------------------------- header
def _header(doc, spec: DocumentSpec) -> None:
    left_w, right_w = HEADER_COLS
    table = kit.borderless_table(doc, list(HEADER_COLS))
    table.alignment = None
    table._tbl.tblPr.append(_table_indent(-(sum(HEADER_COLS) - TEXT_W) / 2))
    left, right = table.rows[0].cells

    if spec.superior_unit:
        kit.paragraph(left, d30.upper(spec.superior_unit), size=13)
    kit.paragraph(left, d30.upper(spec.issuing_unit), size=13, bold=True)
    kit.rule(left, width_mm=35, column_mm=left_w - CELL_PAD, before=1)
    kit.paragraph(left, d30.number_line(spec.symbol, spec.type_code, spec.unit_symbol, spec.section),
                  size=13, before=6)
    if spec.type_code == domain.CONG_VAN:
        kit.paragraph(left, f"{d30.SUBJECT_PREFIX} {spec.summary}", size=12, before=3)
    # Decree 30 puts the confidentiality and urgency marks under the number.
    for marks, code in ((d30.CONFIDENTIALITY_MARKS, spec.confidentiality), (d30.URGENCY_MARKS, spec.urgency)):
        if code in marks:
            kit.boxed(left, marks[code], column_mm=left_w - CELL_PAD)

    kit.paragraph(right, d30.NATIONAL_TITLE, size=12, bold=True)
    kit.paragraph(right, d30.MOTTO, size=13, bold=True)
    kit.rule(right, width_mm=62, column_mm=right_w - CELL_PAD, before=1)
    kit.paragraph(right, d30.place_and_date(spec.place, spec.date), size=13, italic=True, before=6)


def _table_indent(mm: float):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ind = OxmlElement("w:tblInd")
    ind.set(qn("w:w"), str(int(mm * 56.7)))   # twentieths of a point
    ind.set(qn("w:type"), "dxa")
    return ind


# ---------------------------------------------------------------- title or addressees
def _title(doc, spec: DocumentSpec) -> None:
    kit.paragraph(doc, d30.upper(d30.type_name(spec.type_code)), size=14, bold=True, before=18)
    kit.paragraph(doc, spec.summary, size=14, bold=True)
    kit.rule(doc, width_mm=min(60, TEXT_W / 3), column_mm=TEXT_W, before=2, after=12)


def _addressees(doc, addressees: list[str]) -> None:
    """A công văn's "Kính gửi": one addressee on the line, several as a list."""
    if not addressees:
        kit.paragraph(doc, "", before=12)
        return
    if len(addressees) == 1:
        kit.paragraph(doc, f"{d30.ADDRESSEES_HEADING} {addressees[0].rstrip('.;')}.", before=18, after=12)
        return
    kit.paragraph(doc, d30.ADDRESSEES_HEADING, align=WD_ALIGN_PARAGRAPH.LEFT, before=18, left_mm=25)
    for i, name in enumerate(addressees):
        end = "." if i == len(addressees) - 1 else ";"
        kit.paragraph(doc, f"- {name.rstrip('.;')}{end}", align=WD_ALIGN_PARAGRAPH.LEFT, left_mm=45,
                      after=12 if end == "." else 0)


# ---------------------------------------------------------------- body
def _body(doc, spec: DocumentSpec) -> None:
    for text in spec.paragraphs():
        if _centred_heading(text):
            kit.paragraph(doc, text, size=BODY_PT, bold=True, before=6, after=6)
            continue
        p = kit.paragraph(doc, "", size=BODY_PT, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=6, line=1.15,
                          indent_mm=INDENT_MM)
        article = _ARTICLE.match(text)
        if article:
            kit.add_run(p, article.group(1), BODY_PT, bold=True)
            kit.add_run(p, " " + article.group(2), BODY_PT)
        else:
            kit.add_run(p, text, BODY_PT, bold=bool(_ROMAN_HEADING.match(text)))


# ---------------------------------------------------------------- closing
def _closing(doc, spec: DocumentSpec) -> None:
    """Bottom table: "Nơi nhận" left and the signer right; a biên bản puts its
    secretary left and the chair right, and its recipients (if any) below."""
    table = kit.borderless_table(doc, list(FOOTER_COLS))
    left, right = table.rows[0].cells
    if spec.co_signer:
        _signer_block(left, spec.co_signer, spec)
    else:
        _recipients_block(left, spec)
    if spec.signer:
        _signer_block(right, spec.signer, spec)
    kit.close_cells(table)
    if spec.co_signer and spec.recipients:
        _recipients_block(doc, spec)


def _recipients_block(container, spec: DocumentSpec) -> None:
    kit.paragraph(container, d30.RECIPIENTS_HEADING, size=12, bold=True, italic=True,
                  align=WD_ALIGN_PARAGRAPH.LEFT, before=12)
    as_above = spec.type_code == domain.CONG_VAN and bool(spec.addressees)
    for line in d30.recipient_lines(spec.recipients, spec.section, as_above=as_above):
        kit.paragraph(container, line, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)


def _signer_block(cell, signer: SignerSpec, spec: DocumentSpec) -> None:
    authority = d30.authority_line(signer.authority, signer.position, signer.on_behalf_of,
                                   spec.issuing_unit, spec.unit_kind)
    first = True
    for line in filter(None, [authority, d30.position_line(signer.authority, signer.position)]):
        kit.paragraph(cell, line, size=14, bold=True, before=12 if first else 0)
        first = False
    for _ in range(SIGNATURE_LINES):
        kit.paragraph(cell, "", size=14)
    kit.paragraph(cell, signer.full_name, size=14, bold=True)


# ---------------------------------------------------------------- page numbers
def _page_numbers(doc) -> None:
    """Page numbers from page 2 (Decree 30): centred in the header, none on the first page."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    first = section.first_page_header
    first.is_linked_to_previous = False
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    kit.page_field(p, size=13)
    for part in (first, header):
        for run_holder in part.paragraphs:
            for run in run_holder.runs:
                kit.set_font(run)
