"""The compiler's rules for the 'settings' sheet: the framework's id, version, title, topic and note,
and its languages (the default one first), chosen before any other sheet is read."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from pipeline.domain.problems import Location
from pipeline.frameworks.context import NAME, CompileContext
from pipeline.frameworks.language import language_of, language_of_text
from pipeline.frameworks.rows import Row, Sheet
from pipeline.i18n.messages.frameworks import (
    FW_BAD_DEFAULT_LANGUAGE,
    FW_BAD_FORM_ID,
    FW_DEFAULT_LANGUAGE_UNUSED,
    FW_LANGUAGE_DETECTED,
    FW_LANGUAGE_UNKNOWN,
    FW_NO_FORM_ID,
    FW_NO_TITLE,
    FW_NO_VERSION,
)
from pipeline.i18n.translation import DEFAULT_LANGUAGE, LANGUAGES

YES = {"yes", "true", "true()", "1"}


def read_settings(c: CompileContext) -> None:
    """The id, version, titles, topic and note of the first settings row, and the languages."""
    sheet = c.sheets.settings
    row = sheet.rows[0] if sheet and sheet.rows else Row(0, {})

    def where(key: str) -> Location:
        return c.at(sheet, row.number or None, key, "settings")

    choose_languages(c, row.get("default_language"), where("default_language"))
    stem = re.sub(r"[^A-Za-z0-9_.-]", "_", Path(c.file).stem) or "framework"
    c.given_form_id = bool(row.get("form_id")) or _setting_row(c, "form_id")
    c.form_id = row.get("form_id") or _setting_row(c, "form_id") or ("_" + stem if not NAME.fullmatch(stem) else stem)
    if not c.given_form_id:
        c.warn(FW_NO_FORM_ID, where("form_id"), form_id=c.form_id)
    elif not NAME.fullmatch(c.form_id):
        fixed = re.sub(r"[^A-Za-z0-9_.-]", "_", c.form_id)
        fixed = fixed if NAME.fullmatch(fixed) else "_" + fixed
        c.warn(FW_BAD_FORM_ID, where("form_id"), form_id=c.form_id, fixed=fixed)
        c.form_id = fixed
    c.version = row.get("version")
    if not c.version:
        c.version = content_version(c)
        c.warn(FW_NO_VERSION, where("version"), version=c.version)
    c.title = c.texts(sheet, row, "form_title") if sheet else {}
    if not c.title and (title := _setting_row(c, "form_title")):
        c.title = {c.default: title}
    if not c.title:
        c.warn(FW_NO_TITLE, where("form_title"), form_id=c.form_id)
        c.title = {c.default: c.form_id}
    c.topic, c.note = row.get("topic") or None, row.get("status_note")
    c.allow_duplicates = row.get("allow_choice_duplicates").lower() in YES


def _setting_row(c: CompileContext, setting: str) -> str:
    """A setting written as a survey row (``type`` form_id, its value in ``name``), as pyxform allows; '' if none."""
    survey = c.sheets.survey
    spellings = {"form_id": ("form_id", "set_form_id", "id_string", "form id", "set form id"),
                 "form_title": ("form_title", "set_form_title", "form title", "set form title")}[setting]
    for row in survey.rows if survey else ():
        if " ".join(row.get("type").replace("_", " ").lower().split()) in {s.replace("_", " ") for s in spellings}:
            return row.get("name") or row.get("label")
    return ""


def content_version(c: CompileContext) -> str:
    """A version for a form that gives none: the first digits of a hash of everything its sheets say, so that
    the same form always gets the same version and any change a new one."""
    sheets = [c.sheets.survey, c.sheets.choices, c.sheets.settings, c.sheets.elements]
    content = [[s.title, sorted(s.headers), [[r.number, sorted(r.values.items())] for r in s.rows]] if s else None
               for s in sheets]
    return "h" + hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()[:10]


def _plain_labels(c: CompileContext) -> list[str]:
    """The texts of every column named just ``label`` (no language), on the survey and choices sheets."""
    texts: list[str] = []
    for sheet in (c.sheets.survey, c.sheets.choices):
        for lang, key in c.columns.get(sheet.title, {}).get("label", []) if sheet else []:
            if not lang:
                texts += [row.get(key) for row in sheet.rows if row.get(key)]  # type: ignore[union-attr]
    return texts


def choose_languages(c: CompileContext, spec: str, where: Location) -> None:
    """The default language (the setting; else that of the plain label column's text; else Spanish, or the
    first label language) and the others."""
    chosen = language_of(spec) if spec else None
    if spec and chosen is None:
        c.warn(FW_BAD_DEFAULT_LANGUAGE, where, value=spec)
    for sheet in (c.sheets.survey, c.sheets.choices, c.sheets.elements, c.sheets.settings):
        c.scan_columns(sheet)
    found = [lang for cols in c.columns.values() for lang, _ in cols.get("label", [])]
    explicit = list(dict.fromkeys(lang for lang in found if lang))
    if chosen is None and "" in found:
        chosen = language_of_text(_plain_labels(c))
        survey: Sheet | None = c.sheets.survey
        at = c.at(survey, survey.header_row if survey else None, "label") if survey else where
        if chosen:
            c.warn(FW_LANGUAGE_DETECTED, at, language=chosen)
        else:
            chosen = next(lang for lang in (DEFAULT_LANGUAGE, *LANGUAGES) if lang not in explicit)
            c.warn(FW_LANGUAGE_UNKNOWN, at, language=chosen)
    fallback = DEFAULT_LANGUAGE if DEFAULT_LANGUAGE in explicit or not explicit else explicit[0]
    c.default = chosen or fallback
    if chosen and explicit and chosen not in explicit and "" not in found:
        c.default = fallback
        c.warn(FW_DEFAULT_LANGUAGE_UNUSED, where, language=chosen, used=fallback)
    c.languages = [c.default] + sorted(set(explicit) - {c.default})
