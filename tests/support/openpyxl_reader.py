"""The reader of returned questionnaires as it was before python-calamine: openpyxl read-only, kept here unchanged as
the reference the tests compare ``pipeline.workbooks.response`` with, field by field (tests/workbooks/test_readers.py).

Reading a returned questionnaire workbook (step 2): its identity and the raw value of every answer cell.

The one place that reads the shape ``questionnaire.py`` writes. Each answer is found through its
defined name (``q_<question>``, ``q_<question>__<option>``, ``e_<question>``, ``resp_*``; for a repeat, the
whole column of its table), so inserted rows, moved columns and renamed sheets do not matter; when a name was deleted, the question id is
looked up in column A of any sheet and the answer taken from column D of that row (E for evidence).
Values are kept exactly as the cell holds them; ``analysis/normalise.py`` turns them into answers.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string, get_column_letter
from openpyxl.workbook.workbook import Workbook

from pipeline.domain.framework import Framework, QuestionType, Repeat
from pipeline.domain.problems import Location
from pipeline.domain.raw import RawResponse, RawValue
from pipeline.workbooks.formulas import cell_name
from pipeline.workbooks.questionnaire import LISTS_SHEET, META_SHEET

PROPERTY_PREFIX = "mecigep_"
RESPONDENT_FIELDS = ("resp_name", "resp_position", "resp_institution", "resp_email", "resp_date")


def open_workbook(path: Path) -> Workbook:
    """The workbook at ``path``, loaded once for both its identity and its answers."""
    # read-only: every cell is read once, in one pass (defined names and properties are still there)
    return load_workbook(path, read_only=True, data_only=True, keep_links=False)


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _identity(wb: Workbook) -> dict[str, str]:
    found: dict[str, str] = {}
    try:
        for prop in wb.custom_doc_props.props:
            if prop.name and prop.name.startswith(PROPERTY_PREFIX):
                found[prop.name[len(PROPERTY_PREFIX):]] = _text(prop.value)
    except AttributeError:
        pass
    if META_SHEET in wb.sheetnames:
        for row in wb[META_SHEET].iter_rows(min_col=1, max_col=2):
            key = _text(row[0].value)
            if key:
                found[key] = _text(row[1].value)
    return found


def read_identity(path: Path | Workbook) -> dict[str, str]:
    """The metadata of a returned questionnaire: from its ``_mecigep`` sheet (hidden, very hidden or
    unhidden by LibreOffice), completed by the ``mecigep_*`` custom document properties when the sheet
    is gone. Empty when the workbook carries neither."""
    return _identity(path if isinstance(path, Workbook) else open_workbook(Path(path)))


class _Reader:
    """Every value of the workbook read once, then looked up by defined name or by question id."""

    def __init__(self, path: Path, wb: Workbook) -> None:
        self.file = path.name
        self.wb = wb
        self.values: dict[str, dict[tuple[int, int], object]] = {}
        for sheet in wb.worksheets:
            if sheet.title == LISTS_SHEET:
                continue
            found: dict[tuple[int, int], object] = {}
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.value is not None:
                        found[(cell.row, cell.column)] = cell.value
            self.values[sheet.title] = found
        self._rows: dict[str, tuple[str, int]] | None = None

    def at(self, title: str, row: int, column: int) -> RawValue:
        coordinate = f"{get_column_letter(column)}{row}"
        return RawValue(self.values.get(title, {}).get((row, column)), Location(file=self.file, sheet=title, cell=coordinate))

    def named(self, name: str) -> RawValue | None:
        defined = self.wb.defined_names.get(name)
        if defined is None:
            return None
        try:
            destinations = list(defined.destinations)
        except Exception:
            return None
        for title, ref in destinations:
            if title not in self.values:
                return None
            letters, row = coordinate_from_string(ref.replace("$", "").split(":")[0])
            return self.at(title, row, column_index_from_string(letters))
        return None

    def column(self, name: str) -> list[RawValue] | None:
        """Every cell of the range a defined name covers, top to bottom (a repeat's column); None when it is gone."""
        defined = self.wb.defined_names.get(name)
        if defined is None:
            return None
        try:
            destinations = list(defined.destinations)
        except Exception:
            return None
        for title, ref in destinations:
            if title not in self.values:
                return None
            bounds = ref.replace("$", "").split(":")
            (letters, top), (_, bottom) = coordinate_from_string(bounds[0]), coordinate_from_string(bounds[-1])
            column = column_index_from_string(letters)
            return [self.at(title, row, column) for row in range(top, bottom + 1)]
        return None

    def question_rows(self) -> dict[str, tuple[str, int]]:
        """Question id -> (sheet, row), from column A of every answer sheet."""
        if self._rows is None:
            self._rows = {}
            for title, values in self.values.items():
                if title == META_SHEET:
                    continue
                for (row, column), value in sorted(values.items()):
                    if column == 1 and isinstance(value, str) and value.strip():
                        self._rows.setdefault(value.strip(), (title, row))
        return self._rows

    def by_row(self, question: str, column: str, offset: int = 0, number: str = "") -> RawValue | None:
        rows = self.question_rows()  # column A shows the question's number; an earlier questionnaire, its id
        found = (rows.get(number) if number else None) or rows.get(question)
        if found is None:
            return None
        title, row = found
        return self.at(title, row + offset, column_index_from_string(column))


def read_answers(path: Path, framework: Framework, wb: Workbook | None = None) -> RawResponse:
    """The identity, respondent cells, answers and evidence of the questionnaire at ``path``, as stored."""
    path = Path(path)
    wb = wb if wb is not None else open_workbook(path)
    reader = _Reader(path, wb)
    respondent = {name: found for name in RESPONDENT_FIELDS if (found := reader.named(name)) is not None}
    answers: dict[str, RawValue] = {}
    evidence: dict[str, RawValue] = {}
    for q in framework.questions:
        if not q.answerable:
            continue
        number = framework.number(q)
        if q.type is QuestionType.SELECT_MULTIPLE:
            for i, choice in enumerate(framework.options(q), start=1):
                found = reader.named(cell_name(q.name, choice.name)) or reader.by_row(q.name, "D", i, number)
                if found is not None:
                    answers[f"{q.name}__{choice.name}"] = found
        else:
            found = reader.named(cell_name(q.name)) or reader.by_row(q.name, "D", number=number)
            if found is not None:
                answers[q.name] = found
        proof = reader.named(f"e_{q.name}") or reader.by_row(q.name, "E", number=number)
        if proof is not None:
            evidence[q.name] = proof
    epoch = wb.epoch.date() if isinstance(wb.epoch, dt.datetime) else wb.epoch
    repeats = {repeat.name: _rows(reader, framework, repeat) for repeat in framework.repeats}
    return RawResponse(_identity(wb), respondent, answers, evidence, repeats, epoch, path.name)


def _rows(reader: _Reader, framework: Framework, repeat: Repeat) -> tuple[dict[str, RawValue], ...]:
    """The rows of a repeat's table with something typed in them, each keyed like ``RawResponse.answers``."""
    columns: dict[str, list[RawValue]] = {}
    for q in repeat.questions:
        if not q.answerable:
            continue
        keys = [(f"{q.name}__{c.name}", cell_name(q.name, c.name)) for c in framework.options(q)] \
            if q.type is QuestionType.SELECT_MULTIPLE else [(q.name, cell_name(q.name))]
        for key, name in keys:
            if (found := reader.column(name)) is not None:
                columns[key] = found
    height = max((len(cells) for cells in columns.values()), default=0)
    rows = []
    for index in range(height):
        row = {key: cells[index] for key, cells in columns.items() if index < len(cells)}
        if any(cell.value is not None and str(cell.value).strip() for cell in row.values()):
            rows.append(row)
    return tuple(rows)


def read_notes(path: Path):
    """The notes workbook reader as it was: openpyxl, every named input cell."""
    from pipeline.domain.raw import RawNotes
    from pipeline.workbooks.cells import named_cells
    from pipeline.workbooks.notes import _NAME, EXPERT_FIELDS

    path = Path(path)
    wb = load_workbook(path, data_only=True)

    def raw(name: str) -> RawValue | None:
        cells = named_cells(wb, name)
        if not cells:
            return None
        return RawValue(cells[0].value, Location(file=path.name, sheet=cells[0].parent.title, cell=cells[0].coordinate))

    expert = {name: found for name in EXPERT_FIELDS if (found := raw(name)) is not None}
    rows: dict[str, dict[str, RawValue]] = {}
    for name in list(wb.defined_names):
        match = _NAME.match(name)
        if match and (found := raw(name)) is not None:
            rows.setdefault(match.group(1), {})[match.group(2)] = found
    return RawNotes(_identity(wb), expert, rows, path.name)
