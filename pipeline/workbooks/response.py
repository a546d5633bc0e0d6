"""Reading a returned questionnaire (step 2), saved as .xlsx or .ods: its identity and the raw value of every answer.

The one place that reads the shape ``questionnaire.py`` writes. Each answer is found through its
defined name (``q_<question>``, ``q_<question>__<option>``, ``e_<question>``, ``resp_*``; for a repeat, the
whole column of its table), so inserted rows, moved columns and renamed sheets do not matter; when a name was
deleted, the question id is looked up in column A of any sheet and the answer taken from column D of that row (E for
evidence). Values are kept exactly as the cell holds them (``book.py`` reads them); ``analysis/normalise.py`` turns
them into answers.
"""
from __future__ import annotations

from pathlib import Path

from pipeline.domain.framework import Framework, QuestionType, Repeat
from pipeline.domain.problems import Location
from pipeline.domain.raw import RawResponse, RawValue
from pipeline.workbooks.book import Area, Book, open_book
from pipeline.workbooks.formulas import cell_name
from pipeline.workbooks.questionnaire import LISTS_SHEET, META_SHEET

PROPERTY_PREFIX = "mecigep_"
RESPONDENT_FIELDS = ("resp_name", "resp_position", "resp_institution", "resp_email", "resp_date")


def open_workbook(path: Path) -> Book:
    """The returned workbook at ``path`` (.xlsx or .ods), opened once for both its identity and its answers."""
    return open_book(Path(path))


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def identity_of(book: Book) -> dict[str, str]:
    """The metadata of a returned document: from its ``_mecigep`` sheet (hidden, very hidden or unhidden by
    LibreOffice), completed by the ``mecigep_*`` custom document properties when the sheet is gone."""
    found = {name[len(PROPERTY_PREFIX):]: _text(value) for name, value in book.properties.items()
             if name.startswith(PROPERTY_PREFIX)}
    if META_SHEET in book.sheet_names:
        cells = book.values(META_SHEET)
        for row in sorted({row for row, _ in cells}):
            key = _text(cells.get((row, 1)))
            if key:
                found[key] = _text(cells.get((row, 2)))
    return found


def read_identity(path: Path | Book) -> dict[str, str]:
    """``identity_of`` the workbook at ``path`` (or already opened). Empty when it carries no identity."""
    return identity_of(path if isinstance(path, Book) else open_workbook(Path(path)))


def column_letter(column: int) -> str:
    """1 → ``A``, 28 → ``AB``."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class _Reader:
    """Each value of the workbook looked up by defined name or by question id; sheets read when first needed."""

    def __init__(self, book: Book) -> None:
        self.book = book
        self._rows: dict[str, tuple[str, int]] | None = None

    def at(self, title: str, row: int, column: int) -> RawValue:
        return RawValue(self.book.values(title).get((row, column)),
                        Location(file=self.book.file, sheet=title, cell=f"{column_letter(column)}{row}"))

    def _area(self, name: str) -> Area | None:
        areas = self.book.names.get(name)
        if not areas or areas[0].sheet not in self.book.sheet_names or areas[0].sheet == LISTS_SHEET:
            return None
        return areas[0]

    def named(self, name: str) -> RawValue | None:
        area = self._area(name)
        return None if area is None else self.at(area.sheet, area.top, area.left)

    def column(self, name: str) -> list[RawValue] | None:
        """Every cell of the range a defined name covers, top to bottom (a repeat's column); None when it is gone."""
        area = self._area(name)
        if area is None:
            return None
        return [self.at(area.sheet, row, area.left) for row in range(area.top, area.bottom + 1)]

    def question_rows(self) -> dict[str, tuple[str, int]]:
        """Question id -> (sheet, row), from column A of every answer sheet."""
        if self._rows is None:
            self._rows = {}
            for title in self.book.sheet_names:
                if title in (META_SHEET, LISTS_SHEET):
                    continue
                for (row, column), value in sorted(self.book.values(title).items()):
                    if column == 1 and isinstance(value, str) and value.strip():
                        self._rows.setdefault(value.strip(), (title, row))
        return self._rows

    def by_row(self, question: str, column: int, offset: int = 0, number: str = "") -> RawValue | None:
        """The cell in ``column`` of the row whose column A holds the question's number (as emitted) or its id (as an
        earlier questionnaire showed it), ``offset`` rows below."""
        rows = self.question_rows()
        found = rows.get(number) if number else None
        found = found or rows.get(question)
        if found is None:
            return None
        title, row = found
        return self.at(title, row + offset, column)


ANSWER, EVIDENCE = 4, 5  # columns D and E, where the answer and its evidence are when a name was deleted


def read_answers(path: Path, framework: Framework, book: Book | None = None) -> RawResponse:
    """The identity, respondent cells, answers and evidence of the questionnaire at ``path``, as stored."""
    path = Path(path)
    book = book if book is not None else open_workbook(path)
    reader = _Reader(book)
    respondent = {name: found for name in RESPONDENT_FIELDS if (found := reader.named(name)) is not None}
    answers: dict[str, RawValue] = {}
    evidence: dict[str, RawValue] = {}
    for q in framework.questions:
        if not q.answerable:
            continue
        number = framework.number(q)
        if q.type is QuestionType.SELECT_MULTIPLE:
            for i, choice in enumerate(framework.options(q), start=1):
                found = reader.named(cell_name(q.name, choice.name)) or reader.by_row(q.name, ANSWER, i, number)
                if found is not None:
                    answers[f"{q.name}__{choice.name}"] = found
        else:
            found = reader.named(cell_name(q.name)) or reader.by_row(q.name, ANSWER, number=number)
            if found is not None:
                answers[q.name] = found
        proof = reader.named(f"e_{q.name}") or reader.by_row(q.name, EVIDENCE, number=number)
        if proof is not None:
            evidence[q.name] = proof
    repeats = {repeat.name: _rows(reader, framework, repeat) for repeat in framework.repeats}
    return RawResponse(identity_of(book), respondent, answers, evidence, repeats, book.epoch, path.name)


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
