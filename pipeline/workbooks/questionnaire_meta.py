"""What a questionnaire says about itself: its identity, on a very hidden ``_mecigep`` sheet and
repeated as ``mecigep_*`` custom document properties, so that the inbox knows what came back."""
from __future__ import annotations

from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty

from pipeline.workbooks.sheets import put_text

KIND = "questionnaire"
META_SHEET = "_mecigep"


@dataclass(frozen=True)
class Identity:
    """What a questionnaire says about itself, in its metadata sheet and document properties."""

    questionnaire_id: str
    round_id: str
    institution_id: str
    framework_id: str
    framework_version: str
    language: str
    structure_hash: str
    issued: str  # ISO date
    answers: str = ""  # in a feedback copy: the SHA-256 of the response it answers (a correction made on it follows it)

    def as_dict(self) -> dict[str, str]:
        return {"kind": KIND, **{k: v for k, v in self.__dict__.items() if v or k != "answers"}}


def write_metadata(wb: Workbook, identity: Identity, title: str) -> None:
    """Adds the metadata sheet and the document properties (``title`` is the workbook's title)."""
    sheet = wb.create_sheet(META_SHEET)
    for row, (key, value) in enumerate(identity.as_dict().items(), start=1):
        put_text(sheet.cell(row, 1), key)
        put_text(sheet.cell(row, 2), value)
        wb.custom_doc_props.append(StringProperty(name=f"mecigep_{key}", value=value))
    sheet.sheet_state = "veryHidden"
    sheet.protection.sheet = True
    wb.properties.title = title
    wb.properties.subject = f"{identity.round_id} / {identity.institution_id}"
    wb.properties.creator = "MECIGEP"
