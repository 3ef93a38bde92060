"""Low-level python-docx helpers that the public API lacks: borderless tables,
paragraph rules and boxes, fields, fonts for Vietnamese text."""
from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"


def set_font(run_or_style, name: str = FONT) -> None:
    """Set the font for every script: Word picks the East Asian slot for some
    Vietnamese letters, and a style without it falls back to another font."""
    run_or_style.font.name = name
    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), name)


def paragraph(container, text: str = "", size: float = 14, bold: bool = False, italic: bool = False,
              align=WD_ALIGN_PARAGRAPH.CENTER, before: float = 0, after: float = 0, line: float | None = None,
              indent_mm: float | None = None, left_mm: float | None = None):
    """Add one paragraph with a single run; ``container`` is a document or cell."""
    p = container.add_paragraph()
    fmt = p.paragraph_format
    p.alignment = align
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if line is not None:
        fmt.line_spacing = line
    if indent_mm is not None:
        fmt.first_line_indent = Mm(indent_mm)
    if left_mm is not None:
        fmt.left_indent = Mm(left_mm)
    if text:
        add_run(p, text, size, bold, italic)
    mark_size(p, size)
    return p


def add_run(p, text: str, size: float = 14, bold: bool = False, italic: bool = False):
    run = p.add_run(text)
    run.font.size = Pt(size)
    run.bold, run.italic = bold, italic
    return run


def mark_size(p, size: float) -> None:
    """The paragraph mark's size sets an empty paragraph's height."""
    ppr = p._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.append(rpr)
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = OxmlElement(tag)
            rpr.append(el)
        el.set(qn("w:val"), str(int(size * 2)))


def _border(parent, sides, val="single", size_eighths=6):
    for side in sides:
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), val)
        el.set(qn("w:sz"), str(size_eighths))
        el.set(qn("w:space"), "1" if val != "nil" else "0")
        el.set(qn("w:color"), "auto")
        parent.append(el)


def _ppr_insert(p, element) -> None:
    """Insert into w:pPr keeping the schema order Word insists on (pBdr
    comes before spacing, indentation and alignment)."""
    ppr = p._p.get_or_add_pPr()
    successors = {qn(t) for t in ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                                  "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
                                  "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
                                  "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                                  "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                                  "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                                  "w:pPrChange")}
    for i, child in enumerate(ppr):
        if child.tag in successors:
            ppr.insert(i, element)
            return
    ppr.append(element)


def rule(container, width_mm: float, column_mm: float, before: float = 0, after: float = 0):
    """A short centred horizontal line (the rules under the unit name, the
    motto and the summary): an empty, 1 pt high paragraph whose bottom border
    is narrowed by equal indents."""
    p = container.add_paragraph()
    fmt = p.paragraph_format
    side = max((column_mm - width_mm) / 2, 0)
    fmt.left_indent = fmt.right_indent = Mm(side)
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(1)
    mark_size(p, 1)
    bdr = OxmlElement("w:pBdr")
    _border(bdr, ("bottom",))
    _ppr_insert(p, bdr)
    return p


def boxed(container, text: str, column_mm: float, size: float = 13, before: float = 3):
    """A bold mark in a rectangle (KHẨN, MẬT): a centred paragraph with a
    border on four sides, narrowed to the text by indents."""
    width = len(text) * size * 0.26 + 6   # ~average capital width in mm at this size, plus padding
    p = paragraph(container, text, size=size, bold=True, before=before, after=3)
    side = max((column_mm - width) / 2, 0)
    p.paragraph_format.left_indent = p.paragraph_format.right_indent = Mm(side)
    bdr = OxmlElement("w:pBdr")
    _border(bdr, ("top", "left", "bottom", "right"), size_eighths=8)
    _ppr_insert(p, bdr)
    return p


def borderless_table(document, widths_mm: list[float]):
    """A fixed-layout table with no borders, the frame of the header and of
    the recipients/signer block."""
    table = document.add_table(rows=1, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    borders = OxmlElement("w:tblBorders")
    _border(borders, ("top", "left", "bottom", "right", "insideH", "insideV"), val="nil")
    tbl_pr.append(borders)
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)
    for cell, width in zip(table.rows[0].cells, widths_mm):
        cell.width = Mm(width)
        # a new cell holds one empty paragraph: drop it so content starts at the top
        cell._tc.remove(cell.paragraphs[0]._p)
    return table


def close_cells(table) -> None:
    """A table cell must end with a paragraph; add one to any left empty."""
    for cell in table.rows[0].cells:
        if not cell.paragraphs:
            cell.add_paragraph()


def page_field(p, size: float = 13) -> None:
    """Append a PAGE field (the current page number) to paragraph ``p``."""
    def fld(kind):
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        return el

    parts = [fld("begin"), None, fld("separate"), "1", fld("end")]
    for part in parts:
        run = p.add_run()
        run.font.size = Pt(size)
        if part is None:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = " PAGE "
            run._r.append(instr)
        elif isinstance(part, str):
            run.text = part
        else:
            run._r.append(part)
