"""The upload checks on their own (vetting/evidence.py): the type comes from the content,
polyglots and impostors are refused, names are cleaned. No database."""

from __future__ import annotations

import pytest

from tests import evidence_samples as samples
from vetting.evidence import (
    CSV,
    DOCX,
    PDF,
    PNG,
    TEXT,
    EvidenceRefused,
    clean_name,
    evidence_check,
    served_type,
)


@pytest.fixture(autouse=True)
def limit(settings):
    settings.EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


def refusal(name: str, data: bytes) -> str:
    with pytest.raises(EvidenceRefused) as refused:
        evidence_check(name, data)
    return str(refused.value)


def test_the_type_is_read_from_the_content_and_the_hash_and_size_kept():
    checked = evidence_check("report.PDF", samples.PDF)

    assert checked.kind == PDF
    assert checked.content_type == "application/pdf"
    assert checked.size == len(samples.PDF)
    assert len(checked.sha256) == 64
    assert checked.name == "report.PDF"


def test_a_name_without_an_extension_gets_the_one_of_its_type():
    assert evidence_check("scan", samples.PNG).name == "scan.png"


def test_a_text_named_csv_is_a_csv_and_a_csv_named_txt_is_text():
    assert evidence_check("figures.CSV", samples.CSV).kind == CSV
    assert evidence_check("figures.txt", samples.CSV).kind == TEXT


def test_an_empty_file_and_one_over_the_limit_are_refused(settings):
    settings.EVIDENCE_MAX_BYTES = 100

    assert refusal("a.pdf", b"") == "This file is empty."
    assert "files can be 100\xa0bytes at most" in refusal("a.pdf", samples.PDF + b" " * 100)


@pytest.mark.parametrize(
    "data",
    [
        b"<!DOCTYPE html><p>hi</p>",
        b"Plain words, then <SCRIPT>alert(1)</SCRIPT>",
        b"name,link\nme,JavaScript:alert(1)\n",
        b"<svg onload=alert(1)>",
        samples.HTML_IN_PDF,
    ],
    ids=["doctype", "script-any-case", "javascript-url", "svg", "html-in-pdf"],
)
def test_web_page_and_script_markers_anywhere_are_refused(data):
    assert "web page or script code" in refusal("notes.txt", data)


def test_an_image_or_pdf_carrying_a_zip_is_refused():
    inside = samples.PDF.replace(b"trailer", samples.zipped({"x.class": b"\xca\xfe"}) + b"trailer")

    assert "archive (ZIP) hidden inside it" in refusal("photo.png", samples.PNG_WITH_ZIP)
    assert "archive (ZIP) hidden inside it" in refusal("report.pdf", inside)


def test_a_signature_not_at_the_start_is_not_taken():
    assert "not accepted" in refusal("report.pdf", b"\x00\x01junk" + samples.PDF)


def test_office_documents_need_their_content_types_and_no_macros():
    macros = samples.zipped(
        {
            "[Content_Types].xml": "<Types/>",
            "word/document.xml": "<document/>",
            "word/vbaProject.bin": b"\x00",
        }
    )

    assert evidence_check("case.docx", samples.DOCX).kind == DOCX
    assert "not a Word, Excel or PowerPoint" in refusal(
        "case.docx", samples.DOCX_WITHOUT_CONTENT_TYPES
    )
    assert "macros" in refusal("case.docx", macros)
    assert "damaged archive" in refusal("case.docx", b"PK\x03\x04 not really a zip")


def test_an_extension_that_says_another_type_is_refused():
    assert "another type (PNG image)" in refusal("report.pdf", samples.PNG)
    assert "another type (Word document (DOCX))" in refusal("deck.pptx", samples.DOCX)
    assert "another type (plain text)" in refusal("notes.pdf", samples.TEXT)


def test_binary_content_that_is_no_accepted_type_is_refused():
    assert "not accepted" in refusal("data.txt", b"\x00\x01\x02\x03binary\xff\xfe")
    assert "not accepted" in refusal("notes.txt", b"bell \x07 in a text")


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\me\\report.pdf", "report.pdf"),
        ('a<b>:"c"|d?*.pdf', "a_b_c_d_.pdf"),
        ("line\r\nbreak\x00.pdf", "line_break_.pdf"),
        ("  ..  ", "evidence"),
        ("Re\u0301sume\u0301.pdf", "Résumé.pdf"),
        ("x" * 300 + ".pdf", "x" * 146 + ".pdf"),
    ],
)
def test_names_are_cleaned_for_showing_and_for_headers(sent, kept):
    assert clean_name(sent) == kept


def test_only_accepted_types_are_served_as_themselves():
    assert served_type("image/png") == PNG.content_type
    assert served_type("text/html") == "application/octet-stream"
    assert served_type("image/svg+xml") == "application/octet-stream"
