"""What the inbox lets through to the workbook libraries, and what it refuses unopened, with which reason."""
import random
import re
import time
import zipfile

import pytest

from pipeline.i18n import messages as m
from pipeline.i18n.translation import translate
from pipeline.workbooks import safety
from pipeline.workbooks.safety import Format, Limits, Refusal, inspect
from tests.support import hostile as h
from tests.support.office import libreoffice_convert, soffice

needs_libreoffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")


def message(inspection) -> str:
    return translate(inspection.refusal.message, "en", **inspection.detail)


# --- what passes ----------------------------------------------------------------------------------

def test_a_questionnaire_written_by_openpyxl_is_safe_to_open(tmp_path):
    assert inspect(h.questionnaire(tmp_path)) == safety.Inspection(Format.XLSX, None, {})


@needs_libreoffice
def test_a_questionnaire_saved_by_libreoffice_is_safe_to_open(tmp_path):
    (tmp_path / "out").mkdir()
    saved = libreoffice_convert(h.questionnaire(tmp_path), tmp_path / "out", "xlsx")
    with zipfile.ZipFile(saved) as archive:
        assert "xl/sharedStrings.xml" in archive.namelist()  # LibreOffice, unlike openpyxl, shares strings
    assert (inspect(saved).format, inspect(saved).refusal) == (Format.XLSX, None)


@needs_libreoffice
def test_a_spreadsheet_saved_as_ods_by_libreoffice_is_recognised_as_ods(tmp_path):
    (tmp_path / "out").mkdir()
    saved = libreoffice_convert(h.questionnaire(tmp_path), tmp_path / "out", "ods")
    assert (inspect(saved).format, inspect(saved).refusal) == (Format.ODS, None)


def test_a_minimal_ods_or_odt_is_recognised_by_its_mimetype_and_not_refused(tmp_path):
    assert inspect(h.minimal_ods(tmp_path)) == safety.Inspection(Format.ODS, None, {})
    odt = h.minimal_ods(tmp_path, b"application/vnd.oasis.opendocument.text", "answers.odt")
    assert inspect(odt) == safety.Inspection(Format.ODT, None, {})
    odp = h.minimal_ods(tmp_path, b"application/vnd.oasis.opendocument.presentation", "slides.odp")
    assert (inspect(odp).format, inspect(odp).refusal) == (Format.UNKNOWN_ZIP, Refusal.NOT_OFFICE)


def test_a_word_document_named_xlsx_is_reported_as_docx_for_later_stages_to_handle(tmp_path):
    assert inspect(h.docx_as_xlsx(tmp_path)) == safety.Inspection(Format.DOCX, None, {})


def test_an_embedded_macro_workbook_does_not_make_the_workbook_macro_enabled(tmp_path):
    source = h.questionnaire(tmp_path, questions=5)
    embedded = h.rewrite(source, tmp_path / "embedded.xlsx", lambda n, d: d.replace(
        b"<Default ", b'<Default Extension="xlsm" ContentType="application/vnd.ms-excel.sheet.macroEnabled.12"/><Default ', 1)
        if n == "[Content_Types].xml" else d)
    assert inspect(embedded) == safety.Inspection(Format.XLSX, None, {})


def test_shared_strings_as_excel_writes_them_pass(tmp_path):
    assert inspect(h.shared_strings(tmp_path, "Question 1")).refusal is None


def test_a_normal_300_question_questionnaire_is_inspected_in_under_50_ms(tmp_path):
    path = h.questionnaire(tmp_path, questions=300)
    inspect(path)
    timings = []
    for _ in range(5):
        start = time.perf_counter()
        assert inspect(path).refusal is None
        timings.append(time.perf_counter() - start)
    assert min(timings) < 0.050


# --- what is refused, each for its own reason -----------------------------------------------------

def test_an_empty_file_is_refused_as_empty(tmp_path):
    assert (inspect(h.empty(tmp_path)).format, inspect(h.empty(tmp_path)).refusal) == (Format.EMPTY, Refusal.EMPTY)


def test_a_csv_renamed_xlsx_is_asked_to_be_saved_from_excel(tmp_path):
    found = inspect(h.csv_as_xlsx(tmp_path))
    assert (found.format, found.refusal) == (Format.TEXT, Refusal.TEXT)
    assert "save it from Excel as .xlsx" in message(found)


def test_a_utf16_text_export_is_text_too(tmp_path):
    path = tmp_path / "unicode.xlsx"
    path.write_bytes("question\tanswer\nP1\tSí\n".encode("utf-16"))
    assert inspect(path).refusal is Refusal.TEXT


def test_a_pdf_is_refused_as_a_pdf(tmp_path):
    assert (inspect(h.pdf_as_xlsx(tmp_path)).format, inspect(h.pdf_as_xlsx(tmp_path)).refusal) == (Format.PDF, Refusal.PDF)


@pytest.mark.parametrize("build", [h.compound_file, h.fake_ole2])
def test_an_encrypted_workbook_is_told_apart_from_a_damaged_one(tmp_path, build):
    found = inspect(build(tmp_path, "locked.xlsx", ["EncryptionInfo", "EncryptedPackage"]))
    assert (found.format, found.refusal) == (Format.ENCRYPTED_OFFICE, Refusal.ENCRYPTED)
    assert "remove the password" in message(found) and "File > Info > Protect Workbook" in message(found)
    assert found.refusal.message != m.MSG_TRUNCATED


@pytest.mark.parametrize("build", [h.compound_file, h.fake_ole2])
@pytest.mark.parametrize("stream", ["Workbook", "Book"])
def test_a_legacy_xls_is_asked_to_be_saved_as_xlsx(tmp_path, build, stream):
    found = inspect(build(tmp_path, "old.xls", [stream]))
    assert (found.format, found.refusal) == (Format.LEGACY_XLS, Refusal.LEGACY_XLS)
    assert "save it as .xlsx (Excel 2007 or later)" in message(found)


@needs_libreoffice
def test_a_legacy_xls_saved_by_libreoffice_is_recognised_from_its_directory(tmp_path):
    (tmp_path / "out").mkdir()
    saved = libreoffice_convert(h.questionnaire(tmp_path, questions=20), tmp_path / "out", "xls")
    assert "Workbook" in safety._ole2_streams(saved)
    assert inspect(saved).refusal is Refusal.LEGACY_XLS


@pytest.mark.parametrize("build", [h.compound_file, h.fake_ole2])
def test_a_legacy_doc_is_asked_to_be_saved_as_docx(tmp_path, build):
    found = inspect(build(tmp_path, "old.doc", ["WordDocument", "1Table"]))
    assert (found.format, found.refusal) == (Format.LEGACY_DOC, Refusal.LEGACY_DOC)


def test_an_ole2_file_of_another_kind_is_not_office(tmp_path):
    assert inspect(h.compound_file(tmp_path, "mail.msg", ["__properties_version1.0"])).refusal is Refusal.NOT_OFFICE


def test_a_workbook_cut_in_half_is_refused_as_incomplete(tmp_path):
    found = inspect(h.truncated(tmp_path))
    assert found.refusal is Refusal.TRUNCATED
    assert "incomplete or damaged" in message(found) and "send it again" in message(found)


def test_scrambled_bytes_inside_a_workbook_are_damage_not_bad_xml(tmp_path):
    assert inspect(h.corrupted_entry(tmp_path)).refusal is Refusal.TRUNCATED


def test_a_zip_bomb_is_refused_by_its_compression_ratio(tmp_path):
    found = inspect(h.zip_bomb(tmp_path))
    assert (found.refusal, found.detail["reason"], found.detail["part"]) == (Refusal.ZIP_BOMB, "ratio", "xl/media/image1.png")
    assert found.detail["ratio"] > 100


def test_a_zip_that_unpacks_beyond_the_total_limit_is_refused_as_a_bomb(tmp_path):
    found = inspect(h.zip_bomb(tmp_path, megabytes=3), Limits(max_total_bytes=2 * safety.MB, max_ratio=1e9))
    assert (found.refusal, found.detail["reason"]) == (Refusal.ZIP_BOMB, "total")
    assert "3 MB" in message(found)  # a number as the language writes it (Babel), trailing zeros dropped


def test_a_zip_with_thousands_of_entries_is_refused_as_a_bomb(tmp_path):
    found = inspect(h.many_entries(tmp_path))
    assert (found.format, found.refusal, found.detail["reason"]) == (Format.XLSX, Refusal.ZIP_BOMB, "entries")
    assert "6011 parts" in message(found)


def test_a_central_directory_claiming_gigabytes_is_refused_before_zipfile_reads_it(tmp_path):
    data = bytearray(h.questionnaire(tmp_path).read_bytes())
    end = data.rfind(b"PK\x05\x06")
    data[end + 10 : end + 16] = (60_000).to_bytes(2, "little") + (3 * 1024**3).to_bytes(4, "little")
    (tmp_path / "liar.xlsx").write_bytes(bytes(data))
    assert inspect(tmp_path / "liar.xlsx").refusal is Refusal.ZIP_BOMB


@pytest.mark.parametrize("part", ["[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml",
                                  "xl/_rels/workbook.xml.rels", "docProps/core.xml"])
def test_entity_declarations_in_any_xml_part_are_refused_as_an_xml_bomb(tmp_path, part):
    found = inspect(h.billion_laughs(tmp_path, part))
    assert (found.refusal, found.detail["part"]) == (Refusal.XML_BOMB, part)


def test_entity_declarations_in_shared_strings_or_a_word_document_are_xml_bombs(tmp_path):
    shared = h.rewrite(h.shared_strings(tmp_path, "Question 1"), tmp_path / "s.xlsx",
                       lambda n, d: h.BILLION_LAUGHS + d.split(b"?>", 1)[1] if n == "xl/sharedStrings.xml" else d)
    assert inspect(shared).detail["part"] == "xl/sharedStrings.xml"
    document = h.rewrite(h.docx_as_xlsx(tmp_path), tmp_path / "d.docx",
                         lambda n, d: h.BILLION_LAUGHS + d.split(b"?>", 1)[1] if n == "word/document.xml" else d)
    assert (inspect(document).format, inspect(document).refusal) == (Format.DOCX, Refusal.XML_BOMB)


def test_entity_declarations_in_custom_properties_are_an_xml_bomb(tmp_path):
    source = h.questionnaire(tmp_path, questions=5)
    custom = h.rewrite(source, tmp_path / "custom.xlsx", add={"docProps/custom.xml": h.BILLION_LAUGHS + b"<Properties/>"})
    assert (inspect(custom).refusal, inspect(custom).detail["part"]) == (Refusal.XML_BOMB, "docProps/custom.xml")


def test_a_password_protected_ods_is_encrypted_not_malformed(tmp_path):
    locked = h.rewrite(h.minimal_ods(tmp_path), tmp_path / "locked.ods", lambda n, d: d.replace(
        b'manifest:media-type="text/xml"/>', b'manifest:media-type="text/xml"><manifest:encryption-data/>'
        b"</manifest:file-entry>") if n == "META-INF/manifest.xml" else b"\x8f\x01binary" if n == "content.xml" else d)
    assert (inspect(locked).format, inspect(locked).refusal) == (Format.ODS, Refusal.ENCRYPTED)


def test_a_dtd_is_found_even_when_the_part_is_longer_than_the_parse_cap(tmp_path):
    small = Limits(max_xml_bytes=1_024)
    assert inspect(h.questionnaire(tmp_path), small).refusal is None
    assert inspect(h.billion_laughs(tmp_path, "xl/worksheets/sheet3.xml"), small).refusal is Refusal.XML_BOMB


def test_a_raw_control_character_in_shared_strings_is_malformed_xml(tmp_path):
    found = inspect(h.control_character(tmp_path))
    assert (found.refusal, found.detail["part"]) == (Refusal.MALFORMED_XML, "xl/sharedStrings.xml")
    assert "not valid XML" in message(found)


@pytest.mark.parametrize("build", [h.with_macros, h.vba_only])
def test_a_workbook_with_macros_is_asked_to_be_saved_macro_free(tmp_path, build):
    found = inspect(build(tmp_path))
    assert (found.format, found.refusal) == (Format.XLSM, Refusal.MACROS)
    assert "macro-free .xlsx" in message(found)


def test_a_sheet_is_measured_by_the_cells_it_holds_not_the_range_it_declares(tmp_path):
    assert inspect(h.huge_dimension(tmp_path)).refusal is None  # A1:B200000 declared, 5 rows held
    assert inspect(h.huge_dimension(tmp_path, "$A$1:$XFD$1048576")).refusal is None


def test_a_sheet_holding_a_value_in_too_far_a_column_is_refused_as_huge(tmp_path):
    found = inspect(h.far_column(tmp_path))
    assert (found.refusal, found.detail["columns"], found.detail["sheet"]) == (Refusal.HUGE_SHEET, 18_278, "1. Planificación")


def test_rows_are_counted_when_a_sheet_has_no_dimension(tmp_path):
    limits = Limits(max_rows=500)
    found = inspect(h.rows_without_dimension(tmp_path, 600), limits)
    assert (found.refusal, found.detail["sheet"]) == (Refusal.HUGE_SHEET, "1. Planificación") and found.detail["rows"] > 500
    assert inspect(h.rows_without_dimension(tmp_path, 400), limits).refusal is None


def test_a_file_over_the_size_limit_is_refused_with_its_size(tmp_path):
    found = inspect(h.questionnaire(tmp_path), Limits(max_file_bytes=10 * 1024))
    assert (found.format, found.refusal) == (Format.XLSX, Refusal.TOO_LARGE)
    assert re.search(r"is \d+(\.\d)? MB, more than the 0 MB", message(found))  # numbers through Babel, trailing zeros dropped


def test_an_excel_binary_workbook_is_told_apart_from_other_files(tmp_path):
    found = inspect(h.xlsb(tmp_path))
    assert (found.format, found.refusal) == (Format.XLSB, Refusal.BINARY_WORKBOOK)
    assert ".xlsb" in message(found)


def test_a_legacy_xls_whose_stream_name_is_upper_case_is_still_a_legacy_workbook(tmp_path):
    for build in (h.compound_file, h.fake_ole2):
        assert inspect(build(tmp_path, "old.xls", ["WORKBOOK"])).refusal is Refusal.LEGACY_XLS


def test_an_empty_xml_part_is_nothing_to_parse(tmp_path):
    assert inspect(h.ods_with_empty_part(tmp_path)) == safety.Inspection(Format.ODS, None, {})


@pytest.mark.parametrize("build, reason, detail", [
    (h.part_in_other_case, Refusal.PART_CASE, {"part": "xl/worksheets/Sheet1.xml", "named": "xl/worksheets/sheet1.xml"}),
    (h.backslash_parts, Refusal.BACKSLASH_PARTS, {"part": "xl\\worksheets\\sheet1.xml"}),
    (h.bad_sheet_state, Refusal.SHEET_STATE, {"sheet": "Instrucciones", "state": "Visible"}),
])
def test_inner_names_a_reader_would_stumble_on_are_named_exactly(tmp_path, build, reason, detail):
    found = inspect(build(tmp_path))
    assert (found.format, found.refusal, found.detail) == (Format.XLSX, reason, detail)
    assert all(str(value) in message(found) for value in detail.values())


def test_a_zip_that_is_no_office_file_is_not_office(tmp_path):
    assert (inspect(h.plain_zip(tmp_path)).format, inspect(h.plain_zip(tmp_path)).refusal) == (Format.UNKNOWN_ZIP, Refusal.NOT_OFFICE)


# --- messages and robustness ----------------------------------------------------------------------

def test_every_reason_has_its_own_message_filled_from_the_detail(tmp_path):
    assert set(safety.REFUSAL_MESSAGES) == set(Refusal)
    assert len(set(safety.REFUSAL_MESSAGES.values())) == len(Refusal)
    built = [h.empty, h.csv_as_xlsx, h.pdf_as_xlsx, h.truncated, h.zip_bomb, h.many_entries, h.billion_laughs,
             h.control_character, h.with_macros, h.far_column, h.plain_zip, h.xlsb, h.part_in_other_case, h.backslash_parts,
             h.bad_sheet_state,
             lambda d: h.compound_file(d, "e.xlsx", ["EncryptionInfo", "EncryptedPackage"]),
             lambda d: h.compound_file(d, "l.xls", ["Workbook"]), lambda d: h.compound_file(d, "l.doc", ["WordDocument"])]
    seen = set()
    for number, build in enumerate(built):
        (tmp_path / str(number)).mkdir()
        found = inspect(build(tmp_path / str(number)))
        assert found.refusal is not None and "{" not in message(found)
        seen.add(found.refusal)
    large = inspect(h.questionnaire(tmp_path), Limits(max_file_bytes=1))
    assert "{" not in message(large)
    assert seen | {large.refusal} == set(Refusal)


def test_inspect_never_raises_on_random_or_mutilated_files(tmp_path):
    rng = random.Random(7)
    original = h.questionnaire(tmp_path, questions=20).read_bytes()
    path = tmp_path / "fuzz.xlsx"
    for attempt in range(300):
        data = bytearray(original)
        if attempt % 3 == 0:
            data = bytearray(h.OLE2_SIGNATURE + rng.randbytes(rng.randint(0, 4096)))
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        path.write_bytes(bytes(data[: rng.randint(1, len(data))] if attempt % 5 == 0 else data))
        assert isinstance(inspect(path), safety.Inspection)
    assert inspect(tmp_path / "missing.xlsx").refusal is Refusal.TRUNCATED
