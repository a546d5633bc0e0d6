"""The compiler's rules for the 'elements' and 'choices' sheets: named, labelled elements and lists of choices."""
from __future__ import annotations

from pipeline.domain.framework import Choice
from pipeline.frameworks.context import CompileContext
from pipeline.i18n.messages.frameworks import (
    FW_CHOICE_BAD_NAME,
    FW_CHOICE_NO_LIST,
    FW_CHOICE_NO_NAME,
    FW_DUPLICATE_CHOICE,
    FW_NO_LABEL,
)


def read_elements(c: CompileContext) -> None:
    """The elements by name, with their labels (their ``method`` and ``replaces`` columns: ``frameworks/methods.py``)."""
    sheet = c.sheets.elements
    if sheet is None or not c.require(sheet, "name"):
        return
    registry: dict[str, int] = {}
    for row in sheet.rows:
        if name := c.named(sheet, row, registry):
            # A row with a method may name a dimension, which needs no label: frameworks/methods.py decides.
            c.elements[name] = c.labelled(sheet, row, name, error=not row.get("method"))


def read_choices(c: CompileContext) -> None:
    """The lists of choices by list name, each choice with its row (its labels are checked once it is used)."""
    sheet = c.sheets.choices
    if sheet is None or not c.require(sheet, "list_name|list name", "name"):
        return
    for row in sheet.rows:
        listed, name = row.get("list_name") or row.get("list name"), row.get("name")
        if not listed:
            if name or c.texts(sheet, row, "label"):
                c.add(FW_CHOICE_NO_LIST, c.at(sheet, row.number, "list_name"))
            continue
        entries = c.lists.setdefault(listed, {})
        if not name:
            c.add(FW_CHOICE_NO_NAME, c.at(sheet, row.number, "name"), list=listed)
        elif any(ch.isspace() for ch in name):
            c.add(FW_CHOICE_BAD_NAME, c.at(sheet, row.number, "name"), name=name)
        elif name in entries:
            c.add(FW_DUPLICATE_CHOICE, c.at(sheet, row.number, "name"), name=name, list=listed,
                  first=entries[name][1].number)
        else:
            labels = c.texts(sheet, row, "label")
            if not labels:
                c.add(FW_NO_LABEL, c.at(sheet, row.number, "label"), name=name)
            entries[name] = (Choice(name=name, label=labels), row)
