"""XlsxWriter writing the same cells as ``bench.emit``'s openpyxl replay, from the same ``snapshot``: values and
formulas, each cell's style (font, fill, borders, alignment, protection, number format), merged ranges, widths and
heights, data validations, conditional formats, sheet states, protection, frozen panes, defined names and document
properties. Informational: it says what the fastest pure-Python writer would cost for our questionnaire.

What it cannot do is why the pipeline keeps openpyxl for writing: XlsxWriter only writes new files (the feedback
copy, the notes and review workbooks and the tests' filling all read a workbook too, so openpyxl would stay anyway),
and some of our rule messages are longer than the 255 characters XlsxWriter allows a validation message (Excel's
limit for its own dialog; openpyxl writes them and Excel shows them cut).
"""
from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path
from typing import Any

import xlsxwriter  # type: ignore[import-untyped]
from openpyxl.styles.numbers import BUILTIN_FORMATS
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

VALIDATIONS = {"list": "list", "whole": "integer", "decimal": "decimal", "date": "date", "time": "time",
               "textLength": "length", "custom": "custom"}
CRITERIA = {None: "between", "between": "between", "notBetween": "not between", "equal": "==", "notEqual": "!=",
            "greaterThan": ">", "lessThan": "<", "greaterThanOrEqual": ">=", "lessThanOrEqual": "<="}


def _colour(colour: Any) -> str | None:
    rgb = getattr(colour, "rgb", None)
    return f"#{rgb[-6:]}" if isinstance(rgb, str) and len(rgb) >= 6 else None


def _format(tables: dict[str, list[Any]], style: Any) -> dict[str, Any]:
    """An XlsxWriter format for one openpyxl StyleArray (indices into the workbook's style tables)."""
    font, fill = tables["_fonts"][style.fontId], tables["_fills"][style.fillId]
    border, alignment = tables["_borders"][style.borderId], tables["_alignments"][style.alignmentId]
    protection = tables["_protections"][style.protectionId]
    spec: dict[str, Any] = {"bold": bool(font.b), "italic": bool(font.i), "font_size": font.sz or 11,
                            "font_name": font.name or "Calibri", "locked": bool(protection.locked),
                            "text_wrap": bool(alignment.wrap_text)}
    if colour := _colour(font.color):
        spec["font_color"] = colour
    if getattr(fill, "fill_type", None) == "solid" and (colour := _colour(fill.fgColor)):
        spec.update(pattern=1, bg_color=colour)
    if alignment.vertical:
        spec["valign"] = {"center": "vcenter"}.get(alignment.vertical, alignment.vertical)
    if alignment.horizontal:
        spec["align"] = alignment.horizontal
    for side in ("left", "right", "top", "bottom"):
        edge = getattr(border, side)
        if edge is not None and edge.style:
            spec[side] = 2 if edge.style == "medium" else 1
            if colour := _colour(edge.color):
                spec[f"{side}_color"] = colour
    number = style.numFmtId  # openpyxl numbers a workbook's own formats from 164, in the order of its table
    spec["num_format"] = tables["_number_formats"][number - 164] if number >= 164 else BUILTIN_FORMATS.get(number, "General")
    return spec


def _validation(validation: Any) -> dict[str, Any] | None:
    kind = VALIDATIONS.get(validation.type or "")
    if kind is None:
        return None
    spec: dict[str, Any] = {"validate": kind, "ignore_blank": bool(validation.allow_blank)}
    if kind == "list":
        spec["source"] = f"={validation.formula1}"
    elif kind == "custom":
        spec["value"] = f"={validation.formula1}"
    else:
        spec["criteria"] = CRITERIA.get(validation.operator, "between")
        if spec["criteria"] in ("between", "not between"):
            spec["minimum"], spec["maximum"] = f"={validation.formula1}", f"={validation.formula2}"
        else:
            spec["value"] = f"={validation.formula1}"
    if validation.error:
        spec.update(error_title=(validation.errorTitle or "")[:32], error_message=validation.error[:255])
    if validation.prompt:
        spec.update(input_title=(validation.promptTitle or "")[:32], input_message=validation.prompt[:255])
    return spec


def _cell(ws: Any, row: int, column: int, value: Any, style: Any) -> None:
    r, c = row - 1, column - 1
    if value is None:
        ws.write_blank(r, c, None, style)
    elif isinstance(value, str) and value.startswith("="):
        ws.write_formula(r, c, value, style)
    elif isinstance(value, str):
        ws.write_string(r, c, value, style)
    elif isinstance(value, bool):
        ws.write_boolean(r, c, value, style)
    elif isinstance(value, (int, float)):
        ws.write_number(r, c, value, style)
    elif isinstance(value, (dt.date, dt.datetime)):
        ws.write_datetime(r, c, value, style)
    else:  # rich text and the like: its text
        ws.write_string(r, c, str(value), style)


def xlsxwriter_replay(path: Path, data: dict[str, Any]) -> None:
    """Writes ``data`` (a ``bench.emit.snapshot``) with XlsxWriter and saves it to ``path``."""
    tables = data["styles"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # XlsxWriter warns of each message past 255 characters, and cuts it
        wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
        formats: dict[tuple[int, ...], Any] = {}
        for sheet in data["sheets"]:
            ws = wb.add_worksheet(sheet["title"])
            for row, column, value, style in sheet["cells"]:
                key = tuple(style)
                if key not in formats:
                    formats[key] = wb.add_format(_format(tables, style))
                _cell(ws, row, column, value, formats[key])
            for merged in sheet["merged"]:
                ws.merge_range(merged, None)
            for letter, width in sheet["widths"].items():
                index = column_index_from_string(letter) - 1
                ws.set_column(index, index, width)
            for row, height in sheet["heights"].items():
                ws.set_row(int(row) - 1, height)
            for validation in sheet["validations"]:
                if (spec := _validation(validation)) is not None:
                    for area in str(validation.sqref).split():
                        ws.data_validation(area, spec)
            for sqref, rule in sheet["formats"]:
                spec = {"type": "formula", "criteria": f"={rule.formula[0]}" if rule.formula else "=TRUE"}
                dxf = rule.dxf
                if dxf is not None:
                    look: dict[str, Any] = {}
                    if dxf.fill is not None and (colour := _colour(dxf.fill.bgColor) or _colour(dxf.fill.fgColor)):
                        look.update(bg_color=colour, pattern=1)
                    if dxf.font is not None and (colour := _colour(dxf.font.color)):
                        look["font_color"] = colour
                    spec["format"] = wb.add_format(look)
                for area in sqref.split():
                    ws.conditional_format(area, spec)
            if sheet["state"] == "hidden":
                ws.hide()
            elif sheet["state"] == "veryHidden":
                ws.very_hidden()
            if sheet["protected"]:
                ws.protect()
            if sheet["freeze"]:
                column, row = coordinate_from_string(sheet["freeze"])
                ws.freeze_panes(row - 1, column_index_from_string(column) - 1)
            if sheet["grid"] is False:
                ws.hide_gridlines(2)
        for name in data["names"]:
            wb.define_name(name.name, f"={name.attr_text}")
        properties = data["properties"]
        wb.set_properties({"title": properties.title or "", "subject": properties.subject or "", "author": properties.creator or ""})
        for prop in data["custom"]:
            wb.set_custom_property(prop.name, str(prop.value))
        wb.close()
