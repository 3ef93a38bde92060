"""Extraction from human-written .docx: the corpus (each file with its expected
JSON, written by hand in make_corpus.py), noise variants, refusals, the CLI."""
import io
import json
import unicodedata
from pathlib import Path

import pytest
from docx import Document as Docx

from services.common.errors import FileRejected
from services.documents.formats import cli
from services.documents.formats.extract import empty_result, extract_docx

from .make_corpus import CASES

CORPUS = Path(__file__).parent / "corpus"
NAMES = sorted(p.stem for p in CORPUS.glob("*.json"))


def test_the_corpus_is_complete():
    assert len(NAMES) >= 20
    assert NAMES == sorted(name for name, _, _ in CASES)
    assert all((CORPUS / f"{n}.docx").exists() for n in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_corpus_document(name):
    expected = json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))
    got = extract_docx((CORPUS / f"{name}.docx").read_bytes())
    assert got == expected


def _doc(*paragraphs, transform=lambda s: s) -> bytes:
    doc = Docx()
    for text in paragraphs:
        doc.add_paragraph(transform(text))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


HEADER = ("UBND QUẬN ĐỒ SƠN\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
          "PHÒNG GD&ĐT\t\tĐộc lập - Tự do - Hạnh phúc",
          "Số: 18/KH-GD&ĐT\t\tĐồ Sơn, ngày 12 tháng 01 năm 2025")


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_nfc_and_nfd_read_the_same(form):
    got = extract_docx(_doc(*HEADER, "KẾ HOẠCH", "Tổ chức thi giáo viên giỏi",
                            transform=lambda s: unicodedata.normalize(form, s)))
    assert got["symbol"] == "18/KH-GD&ĐT" and got["type_name"] == "Kế hoạch"
    assert got["date"] == "2025-01-12" and got["place"] == "Đồ Sơn"
    assert got["summary"] == "Tổ chức thi giáo viên giỏi"
    assert unicodedata.is_normalized("NFC", got["summary"])


@pytest.mark.parametrize("line, number, symbol", [
    ("Số: 18/KH-GD&ĐT", 18, "18/KH-GD&ĐT"),
    ("Số:18 /KH-GDĐT", 18, "18/KH-GDĐT"),
    ("SỐ : 05 / QĐ - UBND", 5, "05/QĐ-UBND"),
    ("so: 7/gm-gddt", 7, "7/GM-GDDT"),
    ("Số: 04/HĐ-GDĐT", 4, "04/HĐ-GDĐT"),
    ("Số: 04/HD-GDĐT", 4, "04/HD-GDĐT"),
    ("Số:    /TB-GDĐT", None, None),
])
def test_number_lines(line, number, symbol):
    got = extract_docx(_doc("UBND QUẬN ĐỒ SƠN", line, "Đồ Sơn, ngày 12 tháng 01 năm 2025"))
    assert (got["number"], got["symbol"]) == (number, symbol)


@pytest.mark.parametrize("line, place, when", [
    ("Do Son, ngay 12 thang 01 nam 2025", "Do Son", "2025-01-12"),
    ("ĐỒ SƠN, NGÀY 12 THÁNG 01 NĂM 2025", "ĐỒ SƠN", "2025-01-12"),
    ("Hải Phòng, ngày 5/3/2025", "Hải Phòng", "2025-03-05"),
    ("Đồ Sơn, ngày ... tháng 01 năm 2025", "Đồ Sơn", None),
    ("Đồ Sơn, ngày 31 tháng 4 năm 2025", "Đồ Sơn", None),
])
def test_place_and_date(line, place, when):
    got = extract_docx(_doc("PHÒNG GD&ĐT", "Số: 01/TB-GDĐT", line))
    assert (got["place"], got["date"]) == (place, when)


def test_an_empty_document_gives_nulls_not_guesses():
    assert extract_docx(_doc("Xin chào.")) == empty_result()


@pytest.mark.parametrize("data", [b"not a zip", b"PK\x03\x04 broken zip"])
def test_a_file_that_is_not_docx_is_refused(data):
    with pytest.raises(FileRejected) as err:
        extract_docx(data)
    assert "không phải văn bản Word" in err.value.message


def test_cli_inspect_prints_json(capsys):
    assert cli.main(["docx", "inspect", str(CORPUS / "02_cv_ampersand_spaces.docx")]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["symbol"] == "18/GD&ĐT-TCCB" and printed["type_code"] == "CV"


def test_cli_inspect_reports_a_missing_file(capsys, tmp_path):
    assert cli.main(["docx", "inspect", str(tmp_path / "absent.docx")]) == 1
    assert "Lỗi: không đọc được tệp" in capsys.readouterr().err
