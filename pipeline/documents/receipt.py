"""The receipt: the answer an institution gets for each questionnaire the pipeline accepts.

One template, ``templates_docx/receipt.docx``, serves every language: all its wording comes
from ``labels`` (translated here), its data from the other context variables, formatted the
way readers of the receipt's language write dates and numbers.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

from babel.dates import format_datetime
from babel.numbers import format_percent
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from pipeline.documents.layout import finish_layout
from pipeline.documents.properties import set_custom_properties
from pipeline.documents.render import render
from pipeline.i18n import messages as m
from pipeline.i18n.messages.receipt import (
    RECEIPT_CLOSING,
    RECEIPT_COMPLETION,
    RECEIPT_COMPLETION_HEADING,
    RECEIPT_COUNTRY,
    RECEIPT_DEPARTMENT,
    RECEIPT_DETAIL,
    RECEIPT_DETAILS_HEADING,
    RECEIPT_FILE_FORMAT,
    RECEIPT_FILE_NAME,
    RECEIPT_FOOTER,
    RECEIPT_FORMATS,
    RECEIPT_INSTITUTION,
    RECEIPT_INTRO,
    RECEIPT_ITEM,
    RECEIPT_NO_WARNINGS,
    RECEIPT_ORGANISATION,
    RECEIPT_QUESTIONNAIRE_ID,
    RECEIPT_RECEIVED_AT,
    RECEIPT_ROUND,
    RECEIPT_SHA256,
    RECEIPT_TITLE,
    RECEIPT_TOPIC,
    RECEIPT_WARNINGS_HEADING,
    RECEIPT_WARNINGS_INTRO,
)
from pipeline.i18n.translation import LANGUAGES, format_number, translate

TEMPLATES = Path(__file__).resolve().parents[2] / "templates_docx"
RECEIPT_TEMPLATE = TEMPLATES / "receipt.docx"

LABELS = {
    "organisation": RECEIPT_ORGANISATION,
    "department": RECEIPT_DEPARTMENT,
    "title": RECEIPT_TITLE,
    "intro": RECEIPT_INTRO,
    "details_heading": RECEIPT_DETAILS_HEADING,
    "item": RECEIPT_ITEM,
    "detail": RECEIPT_DETAIL,
    "round": RECEIPT_ROUND,
    "country": RECEIPT_COUNTRY,
    "topic": RECEIPT_TOPIC,
    "institution": RECEIPT_INSTITUTION,
    "questionnaire_id": RECEIPT_QUESTIONNAIRE_ID,
    "file_name": RECEIPT_FILE_NAME,
    "file_format": RECEIPT_FILE_FORMAT,
    "received_at": RECEIPT_RECEIVED_AT,
    "sha256": RECEIPT_SHA256,
    "completion_heading": RECEIPT_COMPLETION_HEADING,
    "completion": RECEIPT_COMPLETION,
    "warnings_heading": RECEIPT_WARNINGS_HEADING,
    "warnings_intro": RECEIPT_WARNINGS_INTRO,
    "no_warnings": RECEIPT_NO_WARNINGS,
    "closing": RECEIPT_CLOSING,
    "sign_off": RECEIPT_DEPARTMENT,
    "footer": RECEIPT_FOOTER,
}


class ReceiptContent(BaseModel):
    """What a receipt states. ``country``, ``topic`` and ``institution`` are display names in
    ``language``; ``warnings`` are sentences already in it. A ``received_at`` without a time zone is UTC."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    round_id: str = Field(min_length=1)
    country: str = Field(min_length=1)
    topic: str = Field(min_length=1)
    institution: str = Field(min_length=1)
    questionnaire_id: str = Field(min_length=1)
    file_name: str = Field(min_length=1)
    file_format: Literal["xlsx", "ods"] = "xlsx"  # what the file was read as
    received_at: dt.datetime
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    answered: int = Field(ge=0)
    required: int = Field(ge=0)
    warnings: tuple[str, ...] = ()
    language: str = "es"
    # The wording, as msgids, for a kind of document other than a questionnaire (notes, a follow-up):
    subtitle: str = m.Q_TITLE  # placeholder {topic}
    labels: dict[str, str] = {}  # replaces these of LABELS
    completion_detail: str = m.RECEIPT_ANSWERED  # placeholders {answered}, {required}
    # The ledger's head once the document was recorded (events, last hash), written into the receipt's
    # properties so that ``mecigep verify`` can prove no event before it was lost or rewritten:
    anchor: tuple[int, str] | None = None

    @field_validator("sha256", mode="before")
    @classmethod
    def _lower_case_hex(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("language")
    @classmethod
    def _working_language(cls, value: str) -> str:
        code = value.strip().lower()
        if code not in LANGUAGES:
            raise ValueError(translate(m.UNKNOWN_LANGUAGE, language=value))
        return code

    @model_validator(mode="after")
    def _answered_within_required(self) -> "ReceiptContent":
        if self.answered > self.required:
            raise ValueError(f"answered ({self.answered}) cannot exceed required ({self.required})")
        return self


def completion_ratio(answered: int, required: int) -> float:
    """Share of required questions answered, in whole per cent rounded down: 199 of 200 is 99 %, never 100 %."""
    if required == 0:
        return 1.0
    return (answered * 100 // required) / 100


def receipt_context(content: ReceiptContent) -> dict[str, Any]:
    """The variables ``receipt.docx`` is rendered with."""
    lang = content.language
    received = content.received_at
    answered = format_number(content.answered, lang, digits=0)
    required = format_number(content.required, lang, digits=0)
    return {
        "language": lang,
        "labels": {key: translate(message, lang) for key, message in {**LABELS, **content.labels}.items()},
        "subtitle": translate(content.subtitle, lang, topic=content.topic),
        "round_id": content.round_id,
        "country": content.country,
        "topic": content.topic,
        "institution": content.institution,
        "questionnaire_id": content.questionnaire_id,
        "file_name": content.file_name,
        "file_format": translate(RECEIPT_FORMATS[content.file_format], lang),
        "received_at": format_datetime(received, "long", tzinfo=received.tzinfo or dt.timezone.utc, locale=lang),
        "sha256": content.sha256,
        "answered": answered,
        "required": required,
        "completion": format_percent(completion_ratio(content.answered, content.required), locale=lang),
        "completion_detail": translate(content.completion_detail, lang, answered=answered, required=required),
        "warnings": list(content.warnings),
    }


ANCHOR_EVENTS, ANCHOR_HEAD = "mecigep_ledger_events", "mecigep_ledger_head"


def write_receipt(content: ReceiptContent, target: Path) -> Path:
    """Writes the receipt for ``content`` to ``target`` (a .docx) atomically; returns ``target``."""
    anchor = content.anchor

    def finish(document) -> None:
        finish_layout(document, content.language)
        if anchor:
            set_custom_properties(document, {ANCHOR_EVENTS: str(anchor[0]), ANCHOR_HEAD: anchor[1]})

    return render(RECEIPT_TEMPLATE, receipt_context(content), target, finish)
