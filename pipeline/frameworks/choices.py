"""The compiler's rules for the 'elements' and 'choices' sheets: named, labelled elements and lists of choices."""
from __future__ import annotations

from pipeline.domain.framework import Choice
from pipeline.frameworks.context import CompileContext
from pipeline.i18n.messages.frameworks import (
    FW_CHOICE_BAD_NAME,
    FW_CHOICE_NO_LIST,
    FW_CHOICE_NO_NAME,
    FW_DUPLICATE_CHOICE,
    FW_LABEL_IS_NAME,
)

# Columns of the choices sheet that are not data a choice_filter could read.
STANDARD = {"list_name", "name", "label", "media", "image", "audio", "video"}


def read_elements(c: CompileContext) -> None:
    """The elements by name, with their labels (their ``method`` and ``replaces`` columns: ``frameworks/methods.py``)."""
    sheet = c.sheets.elements
    if sheet is None or not sheet.rows or not c.require(sheet, "name"):
        return
    registry: dict[str, int] = {}
    for row in sheet.rows:
        if name := c.named(sheet, row, registry):
            # A row with a method may name a dimension, which needs no label: frameworks/methods.py decides.
            c.elements[name] = c.labelled(sheet, row, name, error=not row.get("method"))


def read_choices(c: CompileContext) -> None:
    """The lists of choices by list name, each choice with its row (its labels are checked once it is used).

    An empty choices sheet is fine for a form without selects; a choice whose name repeats in its list is left
    out with a warning (or kept, with allow_choice_duplicates); a name with spaces is kept with a warning."""
    sheet = c.sheets.choices
    if sheet is None or not sheet.rows or not c.require(sheet, "list_name", "name"):
        return
    extra = [key for key in sheet.headers if key.partition("::")[0] not in STANDARD]
    for row in sheet.rows:
        listed, name = row.get("list_name"), row.get("name")
        if not listed:
            if name or c.texts(sheet, row, "label"):
                c.add(FW_CHOICE_NO_LIST, c.at(sheet, row.number, "list_name"))
            continue
        entries = c.lists.setdefault(listed, {})
        if not name:
            c.add(FW_CHOICE_NO_NAME, c.at(sheet, row.number, "name"), list=listed)
            continue
        if any(ch.isspace() for ch in name):
            c.warn(FW_CHOICE_BAD_NAME, c.at(sheet, row.number, "name"), name=name)
        if name in entries and not c.allow_duplicates:
            c.warn(FW_DUPLICATE_CHOICE, c.at(sheet, row.number, "name"), name=name, list=listed, first=entries[name][1].number)
            continue
        labels = c.texts(sheet, row, "label")
        if not labels:
            c.warn(FW_LABEL_IS_NAME, c.at(sheet, row.number, "label"), name=name)
        key = name if name not in entries else f"{name}\x00{row.number}"  # allowed duplicates keep their row
        entries[key] = (Choice(name=name, label=labels, columns={k: row.get(k) for k in extra if row.get(k)}), row)
