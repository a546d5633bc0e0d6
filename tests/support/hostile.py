"""Files that arrive in the inbox: normal questionnaires, and every hostile or unusable kind, built on demand."""
from __future__ import annotations

import re
import struct
import zipfile
from pathlib import Path
from typing import Callable

import docx
import openpyxl
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


def questionnaire(folder: Path, name: str = "questionnaire.xlsx", questions: int = 300) -> Path:
    """A questionnaire like the ones officials return: instructions, 300 questions, lists, names, formulas."""
    wb = openpyxl.Workbook()
    intro = wb.active
    intro.title = "Instrucciones"
    for row in range(1, 30):
        intro.cell(row, 1, f"Paragraph {row} of the instructions, explaining how to answer the questionnaire.")
    lists = wb.create_sheet("Listas")
    for row, label in enumerate(["Sí", "No", "Parcialmente", "No aplica"], start=1):
        lists.cell(row, 1, label)
    sheet = wb.create_sheet("1. Planificación")
    yes_no = DataValidation(type="list", formula1="Listas!$A$1:$A$4", allow_blank=True)
    sheet.add_data_validation(yes_no)
    for q in range(1, questions + 1):
        row = q + 2
        sheet.cell(row, 1, f"P{q}")
        sheet.cell(row, 2, f"Question {q}: does the institution have a documented procedure for item {q}?")
        sheet.cell(row, 3, f"Help for question {q}: attach the regulation or the internal document.")
        sheet.cell(row, 4, "Sí" if q % 3 else "Parcialmente")
        sheet.cell(row, 5, f"https://example.gob/evidence/{q}.pdf")
        sheet.cell(row, 6, f'=IF(D{row}="","Pending","Answered")')
        yes_no.add(f"D{row}")
        wb.defined_names[f"q{q}"] = DefinedName(f"q{q}", attr_text=f"'1. Planificación'!$D${row}")
    path = folder / name
    wb.save(path)
    return path


def rewrite(source: Path, target: Path, change: Callable[[str, bytes], bytes | None] = lambda n, d: d,
            add: dict[str, bytes] | None = None, compresslevel: int | None = None) -> Path:
    """Copies a zip, passing each entry through ``change`` (None drops it) and appending ``add``."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as new:
        for info in old.infolist():
            data = change(info.filename, old.read(info))
            if data is not None:
                new.writestr(info.filename, data)
        for name, data in (add or {}).items():
            new.writestr(name, data)
    return target


def zip_bomb(folder: Path, megabytes: int = 20) -> Path:
    """A real questionnaire carrying one entry of zeros packed about a thousand to one."""
    source = questionnaire(folder, "source.xlsx", questions=5)
    return rewrite(source, folder / "bomb.xlsx", add={"xl/media/image1.png": bytes(megabytes * 1024 * 1024)})


def many_entries(folder: Path, entries: int = 6_000) -> Path:
    source = questionnaire(folder, "source.xlsx", questions=5)
    return rewrite(source, folder / "many.xlsx", add={f"xl/media/i{n}.png": b"x" for n in range(entries)})


BILLION_LAUGHS = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE workbook [
<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
"""


def billion_laughs(folder: Path, part: str = "xl/workbook.xml") -> Path:
    """A real questionnaire whose ``part`` declares the billion-laughs entities (and uses them)."""
    source = questionnaire(folder, "source.xlsx", questions=5)

    def change(name: str, data: bytes) -> bytes:
        return BILLION_LAUGHS + re.sub(rb"^<\?xml[^>]*\?>\s*", b"", data) if name == part else data

    return rewrite(source, folder / "laughs.xlsx", change)


def shared_strings(folder: Path, text: str, name: str = "shared.xlsx") -> Path:
    """A real questionnaire whose cell B3 reads ``text`` from xl/sharedStrings.xml, as Excel writes it."""
    source = questionnaire(folder, "source.xlsx", questions=5)
    ns = b"http://schemas.openxmlformats.org/"
    sst = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="' + ns
           + b'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>' + text.encode() + b"</t></si></sst>")

    def change(part: str, data: bytes) -> bytes:
        if part == "xl/worksheets/sheet3.xml":
            return re.sub(rb'<c r="B3" t="inlineStr"><is><t>[^<]*</t></is></c>', b'<c r="B3" t="s"><v>0</v></c>', data)
        if part == "[Content_Types].xml":
            return data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        if part == "xl/_rels/workbook.xml.rels":
            return data.replace(b"</Relationships>", b'<Relationship Id="rIdSST" Type="' + ns + b'officeDocument/2006/'
                                b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
        return data

    return rewrite(source, folder / name, change, add={"xl/sharedStrings.xml": sst})


def control_character(folder: Path) -> Path:
    """A real questionnaire with a raw \\x01 (forbidden in XML 1.0) typed into its shared strings."""
    return shared_strings(folder, "Question\x01 1", "control.xlsx")


def truncated(folder: Path) -> Path:
    """The first half of a real questionnaire, as when an e-mail transfer is cut."""
    data = questionnaire(folder, "source.xlsx").read_bytes()
    path = folder / "cut.xlsx"
    path.write_bytes(data[: len(data) // 2])
    return path


def corrupted_entry(folder: Path, part: str = "xl/worksheets/sheet3.xml") -> Path:
    """A real questionnaire whose directory is intact but whose ``part`` has scrambled compressed bytes."""
    path = questionnaire(folder, "corrupt.xlsx")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(part)
    name_len, extra_len = struct.unpack("<HH", data[info.header_offset + 26 : info.header_offset + 30])
    start = info.header_offset + 30 + name_len + extra_len + info.compress_size // 2
    data[start : start + 64] = bytes(b ^ 0x5A for b in data[start : start + 64])
    path.write_bytes(bytes(data))
    return path


def with_macros(folder: Path) -> Path:
    """A questionnaire saved as macro-enabled: xl/vbaProject.bin and the xlsm content type."""
    source = questionnaire(folder, "source.xlsx", questions=5)

    def change(name: str, data: bytes) -> bytes:
        if name == "[Content_Types].xml":
            data = data.replace(b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml")
            return data.replace(b"<Default ", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default ', 1)
        return data

    return rewrite(source, folder / "macros.xlsx", change, add={"xl/vbaProject.bin": OLE2_SIGNATURE + bytes(1024)})


def vba_only(folder: Path) -> Path:
    """A plain xlsx content type, but a vbaProject.bin slipped in."""
    source = questionnaire(folder, "source.xlsx", questions=5)
    return rewrite(source, folder / "sneaky.xlsx", add={"xl/vbaProject.bin": OLE2_SIGNATURE + bytes(1024)})


def huge_dimension(folder: Path, ref: str = "A1:B200000") -> Path:
    source = questionnaire(folder, "source.xlsx", questions=5)
    return rewrite(source, folder / "huge.xlsx",
                   lambda n, d: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="' + ref.encode() + b'"', d)
                   if n.startswith("xl/worksheets/") else d)


def rows_without_dimension(folder: Path, rows: int) -> Path:
    """A questionnaire whose third sheet has ``rows`` rows and no <dimension> element."""
    source = questionnaire(folder, "source.xlsx", questions=5)
    body = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (r, r) for r in range(1, rows + 1))

    def change(name: str, data: bytes) -> bytes:
        if name != "xl/worksheets/sheet3.xml":
            return data
        data = re.sub(rb"<dimension [^>]*/>", b"", data)
        return re.sub(rb"<sheetData>.*</sheetData>", b"<sheetData>" + body + b"</sheetData>", data, flags=re.S)

    return rewrite(source, folder / "rows.xlsx", change)


def compound_file(folder: Path, name: str, streams: list[str]) -> Path:
    """A genuine (tiny) OLE2 compound file whose directory lists ``streams`` (at most 3), all empty."""
    free, end, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    header = bytearray(512)
    header[0:8] = OLE2_SIGNATURE
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, 1, 1, 0, 4096, end, 0, end, 0)
    struct.pack_into("<109I", header, 76, 0, *([free] * 108))
    fat = struct.pack("<128I", fat_sector, end, *([free] * 126))

    def entry(label: str, kind: int) -> bytes:
        raw = (label + "\0").encode("utf-16-le")
        return raw.ljust(64, b"\0") + struct.pack("<HBB3I16sI16sIQ", len(raw), kind, 1, free, free, free, bytes(16), 0,
                                                  bytes(16), end, 0)

    directory = entry("Root Entry", 5) + b"".join(entry(s, 2) for s in streams)
    path = folder / name
    path.write_bytes(bytes(header) + fat + directory.ljust(512, b"\0"))
    return path


def fake_ole2(folder: Path, name: str, streams: list[str]) -> Path:
    """Just the OLE2 signature and the UTF-16LE stream names: no usable directory."""
    path = folder / name
    path.write_bytes(OLE2_SIGNATURE + bytes(504) + b"".join((s + "\0").encode("utf-16-le") + bytes(8) for s in streams))
    return path


def csv_as_xlsx(folder: Path) -> Path:
    path = folder / "answers.xlsx"
    path.write_text("question;answer\nP1;Sí\nP2;No\n", encoding="utf-8")
    return path


def pdf_as_xlsx(folder: Path) -> Path:
    path = folder / "scan.xlsx"
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog>>endobj\ntrailer<<>>\n%%EOF\n")
    return path


def docx_as_xlsx(folder: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Respuestas al cuestionario")
    path = folder / "answers.xlsx"
    document.save(path)
    return path


def empty(folder: Path) -> Path:
    path = folder / "empty.xlsx"
    path.write_bytes(b"")
    return path


def minimal_ods(folder: Path, mimetype: bytes = ODS_MIMETYPE, name: str = "answers.ods") -> Path:
    """The smallest OpenDocument file: mimetype stored first, a manifest and a content part."""
    path = folder / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", b'<?xml version="1.0" encoding="UTF-8"?>'
                         b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                         b'<manifest:file-entry manifest:full-path="/" manifest:media-type="' + mimetype + b'"/>'
                         b'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                         b"</manifest:manifest>")
        archive.writestr("content.xml", b'<?xml version="1.0" encoding="UTF-8"?>'
                         b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0">'
                         b"<office:body/></office:document-content>")
    return path


def plain_zip(folder: Path) -> Path:
    path = folder / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("holiday.txt", "not a workbook")
    return path


def far_column(folder: Path, column: str = "ZZZ") -> Path:
    """A questionnaire whose third sheet holds a value in column ``column`` (18,278 for ZZZ)."""
    source = questionnaire(folder, "source.xlsx", questions=5)
    cell = f'<c r="{column}3" t="inlineStr"><is><t>far</t></is></c>'.encode()
    return rewrite(source, folder / "wide.xlsx", lambda n, d: d.replace(b"</row>", cell + b"</row>", 1)
                   if n == "xl/worksheets/sheet3.xml" else d)


def renamed_parts(folder: Path, change: Callable[[str], str], name: str) -> Path:
    """A questionnaire whose zip entries are renamed by ``change`` (their index left as it was)."""
    source = questionnaire(folder, "source.xlsx", questions=5)
    target = folder / name
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(change(info.filename), old.read(info))
    return target


def part_in_other_case(folder: Path) -> Path:
    """A worksheet stored as ``Sheet1.xml`` while the workbook's relationships name ``sheet1.xml``."""
    return renamed_parts(folder, lambda n: n.replace("worksheets/sheet1.xml", "worksheets/Sheet1.xml"), "case.xlsx")


def backslash_parts(folder: Path) -> Path:
    """Zip entries named ``xl\\worksheets\\sheet1.xml``, as some generators write them."""
    return renamed_parts(folder, lambda n: n.replace("/", "\\") if n.startswith("xl/worksheets") else n, "backslash.xlsx")


def bad_sheet_state(folder: Path, state: str = "Visible") -> Path:
    """A workbook whose first sheet's visibility is ``state`` (Excel writes visible, hidden or veryHidden)."""
    source = questionnaire(folder, "source.xlsx", questions=5)
    return rewrite(source, folder / "state.xlsx", lambda n, d: d.replace(b'state="visible"', f'state="{state}"'.encode(), 1)
                   if n == "xl/workbook.xml" else d)


def xlsb(folder: Path) -> Path:
    """The shape of an Excel binary workbook: a zip whose main part is binary."""
    path = folder / "answers.xlsb"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                         b'openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.bin" ContentType='
                         b'"application/vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>')
        archive.writestr("xl/workbook.bin", bytes(64))
    return path


def ods_with_empty_part(folder: Path) -> Path:
    """An OpenDocument spreadsheet with the empty Configurations2/accelerator/current.xml old LibreOffice writes."""
    source = minimal_ods(folder, name="source.ods")
    return rewrite(source, folder / "old.ods", add={"Configurations2/accelerator/current.xml": b""})
