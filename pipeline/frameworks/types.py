"""The 'type' column as pyxform reads it: every spelling of a question type, a select, a group or a repeat.

``read_type`` says what a row is: a question of a ``QuestionType`` (with its list, and whether it adds an
"other" choice), the beginning or end of a group or repeat, device metadata (ignored), a setting written as a
row, or something a questionnaire answered in Excel cannot hold (a photo, a location, choices from a file),
each with the reason to give. Spaces and '_' are the same, and so is case: ``Select One``, ``select_one``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from pipeline.domain.framework import QuestionType


class Row(str, Enum):
    """What a survey row is, besides a question."""

    QUESTION = "question"
    BEGIN_GROUP = "begin_group"
    END_GROUP = "end_group"
    BEGIN_REPEAT = "begin_repeat"
    END_REPEAT = "end_repeat"
    METADATA = "metadata"  # recorded by a device, not asked: ignored with a warning
    SETTING = "setting"  # form_id, form_title … written as a survey row
    GEO = "geo"  # cannot be answered offline in a cell: refused with a reason
    MEDIA = "media"
    FROM_FILE = "from_file"
    PLATFORM = "platform"  # hidden, xml-external …: a device's or a server's business
    RANK = "rank"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Type:
    row: Row
    question: QuestionType | None = None
    list_name: str | None = None
    or_other: bool = False
    over: str | None = None  # begin repeat over LIST: one row per choice
    setting: str | None = None  # the setting a SETTING row gives
    constraint: str | None = None  # what the type itself asks (phone number: digits only)
    malformed: bool = False  # a select naming no list, or more than one


def _each(kind: QuestionType | Row, *spellings: str) -> dict[str, QuestionType | Row]:
    return {spelling: kind for spelling in spellings}


SIMPLE: dict[str, QuestionType | Row] = {
    **_each(QuestionType.TEXT, "text", "string", "q string", "add text prompt", "tel", "phone number"),
    **_each(QuestionType.INTEGER, "integer", "int", "q int", "add integer prompt", "number of days in last month",
            "number of days in last six months", "number of days in last year"),
    **_each(QuestionType.DECIMAL, "decimal", "q decimal", "add decimal prompt"),
    **_each(QuestionType.DATE, "date", "q date", "add date prompt"),
    **_each(QuestionType.TIME, "time", "q time", "add time prompt"),
    **_each(QuestionType.DATETIME, "datetime", "date time", "q date time", "q datetime", "add date time prompt",
            "add datetime prompt"),
    **_each(QuestionType.NOTE, "note", "q note", "add note prompt"),
    **_each(QuestionType.ACKNOWLEDGE, "acknowledge", "add acknowledge prompt", "trigger", "q acknowledge"),
    **_each(QuestionType.RANGE, "range", "q range"),
    **_each(QuestionType.CALCULATE, "calculate", "add calculate prompt", "q calculate"),
    **_each(Row.METADATA, "start", "end", "today", "deviceid", "imei", "subscriberid", "simserial", "phonenumber", "username",
            "email", "audit", "start time", "end time", "get start time", "get end time", "get today", "get device id",
            "device id", "get subscriber id", "subscriber id", "get sim id", "sim id", "get phone number", "uri:deviceid",
            "uri:email", "uri:phonenumber", "uri:simserial", "uri:subscriberid", "uri:username", "start-geopoint",
            "background-geopoint", "instanceid", "instance id"),
    **_each(Row.GEO, "geopoint", "geotrace", "geoshape", "gps", "location", "q location", "q geopoint", "q geotrace",
            "q geoshape", "q gps", "add location prompt"),
    **_each(Row.MEDIA, "image", "photo", "q image", "q picture", "q photo", "add image prompt", "add photo prompt", "audio",
            "q audio", "add audio prompt", "video", "q video", "add video prompt", "file", "q file", "add file prompt",
            "barcode", "q barcode", "add barcode prompt", "background-audio", "signature", "q signature", "osm"),
    **_each(Row.PLATFORM, "hidden", "xml-external", "csv-external", "entity"),
    **_each(Row.FROM_FILE, "include"),  # another XLSForm file, inserted here
    **_each(Row.SETTING, "form_id", "form id", "set_form_id", "set form id", "id_string", "form_title", "form title",
            "set_form_title", "set form title"),
}
SETTING_OF = {"form_id": "form_id", "form id": "form_id", "set_form_id": "form_id", "set form id": "form_id",
              "id_string": "form_id", "form_title": "form_title", "form title": "form_title", "set_form_title": "form_title",
              "set form title": "form_title"}
DAYS = {"number of days in last month": 31, "number of days in last six months": 183, "number of days in last year": 365}
SELECTS: dict[str, QuestionType | Row] = {
    **_each(Row.FROM_FILE, "select one from file", "select multiple from file", "select one external", "select multiple external",
            "select all that apply from file"),
    **_each(QuestionType.SELECT_ONE, "select one", "select1", "select one from", "select one using", "add select one prompt using",
            "q select1", "q select one"),
    **_each(QuestionType.SELECT_MULTIPLE, "select multiple", "select all that apply", "select all that apply from",
            "select multiple from", "select multiple using", "add select multiple prompt using", "q select", "q select multiple"),
    **_each(Row.RANK, "rank"),
    **_each(Row.GEO, "osm"),  # a map to draw on
}
CONTROLS = {"group": "group", "repeat": "repeat", "loop": "repeat", "lgroup": "repeat", "looped group": "repeat"}
_CONTROL = re.compile(r"(?P<which>begin|end) (?P<kind>" + "|".join(sorted(CONTROLS, key=len, reverse=True)) + r")"
                      r"(?: (?:over )?(?P<over>.+))?")
_OTHER = ("or_other", "or other", "or specify other")


def _plain(text: str) -> str:
    return " ".join(text.replace("_", " ").split()).lower()


def read_type(text: str) -> Type:
    """What the 'type' cell ``text`` (as written, not empty) makes of its row."""
    plain = _plain(text)
    if (control := _CONTROL.fullmatch(plain)) is not None:
        repeat, begin = CONTROLS[control["kind"]] == "repeat", control["which"] == "begin"
        if control["over"] and not (repeat and begin):
            return Type(Row.UNKNOWN)
        row = (Row.BEGIN_REPEAT if begin else Row.END_REPEAT) if repeat else (Row.BEGIN_GROUP if begin else Row.END_GROUP)
        return Type(row, over=text.split()[-1] if control["over"] else None)
    if plain in SIMPLE:
        kind = SIMPLE[plain]
        if isinstance(kind, Row):
            return Type(kind, setting=SETTING_OF.get(plain))
        constraint = r"regex(., '^\d*$')" if plain in ("phone number", "tel") else \
            f". >= 0 and . <= {DAYS[plain]}" if plain in DAYS else None
        return Type(Row.QUESTION, kind, constraint=constraint)
    words = text.split()
    for size in range(min(len(words), 6), 0, -1):  # the longest command first: 'select one from file' over 'select one'
        kind = SELECTS.get(_plain(" ".join(words[:size])))
        if kind is None:
            continue
        if isinstance(kind, Row):
            return Type(kind)
        listed, rest = words[size:size + 1], _plain(" ".join(words[size + 1:]))
        or_other = bool(rest) and rest in {_plain(o) for o in _OTHER}
        return Type(Row.QUESTION, kind, listed[0] if listed else None, or_other, malformed=not listed or bool(rest) and not or_other)
    return Type(Row.UNKNOWN)
