"""The compiler's rules for the 'settings' sheet: the framework's id, version, title, topic and note,
and its languages (the default one first), chosen before any other sheet is read."""
from __future__ import annotations

import re
from pathlib import Path

from pipeline.domain.problems import Location
from pipeline.frameworks.context import NAME, CompileContext, language_of
from pipeline.frameworks.rows import Row
from pipeline.i18n.messages.frameworks import (
    FW_BAD_DEFAULT_LANGUAGE,
    FW_BAD_FORM_ID,
    FW_DEFAULT_LANGUAGE_UNUSED,
    FW_NO_FORM_ID,
    FW_NO_TITLE,
    FW_NO_VERSION,
)


def read_settings(c: CompileContext) -> None:
    """The id, version, titles, topic and note of the first settings row, and the languages."""
    sheet = c.sheets.settings
    row = sheet.rows[0] if sheet and sheet.rows else Row(0, {})

    def where(key: str) -> Location:
        return c.at(sheet, row.number or None, key, "settings")

    choose_languages(c, row.get("default_language"), where("default_language"))
    stem = re.sub(r"[^A-Za-z0-9_.-]", "_", Path(c.file).stem) or "framework"
    c.form_id = row.get("form_id") or ("_" + stem if not NAME.fullmatch(stem) else stem)
    if not row.get("form_id"):
        c.warn(FW_NO_FORM_ID, where("form_id"), form_id=c.form_id)
    elif not NAME.fullmatch(c.form_id):
        c.add(FW_BAD_FORM_ID, where("form_id"), form_id=c.form_id)
    c.version = row.get("version")
    if not c.version:
        c.add(FW_NO_VERSION, where("version"))
    c.title = c.texts(sheet, row, "form_title") if sheet else {}
    if not c.title:
        c.warn(FW_NO_TITLE, where("form_title"), form_id=c.form_id)
        c.title = {c.default: c.form_id}
    c.topic, c.note = row.get("topic") or None, row.get("status_note")


def choose_languages(c: CompileContext, spec: str, where: Location) -> None:
    """The default language (the setting, else Spanish, else the first label language) and the others."""
    chosen = language_of(spec) if spec else None
    if spec and chosen is None:
        c.warn(FW_BAD_DEFAULT_LANGUAGE, where, value=spec)
    for sheet in (c.sheets.survey, c.sheets.choices, c.sheets.elements, c.sheets.settings):
        c.scan_columns(sheet)
    found = [lang for cols in c.columns.values() for lang, _ in cols.get("label", [])]
    explicit = list(dict.fromkeys(lang for lang in found if lang))
    fallback = "es" if "es" in explicit or not explicit else explicit[0]
    c.default = chosen or fallback
    if chosen and explicit and chosen not in explicit and "" not in found:
        c.default = fallback
        c.warn(FW_DEFAULT_LANGUAGE_UNUSED, where, language=chosen, used=fallback)
    c.languages = [c.default] + sorted(set(explicit) - {c.default})
