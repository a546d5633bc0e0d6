"""Checking a framework: ``mecigep framework check``'s work (read the workbook, compile every sheet, collect every
problem) on a 300-question XLSForm, against pyxform's own conversion of the same file to an XForm
(``pyxform.xls2xform.convert``, without ODK Validate).

The form is plain XLSForm, as an ODK or Kobo author writes it: 6 groups of 50 questions — select_one with
relevant rules, integers and decimals with constraints, dates, texts, select_multiple, a calculate, a
repeat of 4 questions with a choice_filter — in English and Spanish, each list of choices its own.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from openpyxl import Workbook

from bench.common import Figure, compared, report
from pipeline.stages.frameworks import check_framework

GROUPS, PER_GROUP = 6, 50


def write_form(path: Path) -> Path:
    """Writes the 300-question form to ``path``."""
    survey = [["type", "name", "label::English (en)", "label::Español (es)", "hint::English (en)", "required", "relevant",
               "constraint", "constraint_message::English (en)", "calculation", "choice_filter"]]
    choices = [["list_name", "name", "label::English (en)", "label::Español (es)", "group"]]
    choices += [["yes_no", "yes", "Yes", "Sí"], ["yes_no", "no", "No", "No"]]
    for g in range(1, GROUPS + 1):
        survey.append(["begin_group", f"g{g}", f"Dimension {g}", f"Dimensión {g}"])
        for n in range(1, PER_GROUP + 1):
            name, kind = f"g{g}_q{n}", n % 10
            label = (f"Question {n} of dimension {g}: to what extent does the institution apply practice {n}?",
                     f"Pregunta {n} de la dimensión {g}: ¿en qué medida la institución aplica la práctica {n}?")
            if n == 45:
                survey += [["begin_repeat", f"g{g}_plans", "Plans", "Planes"],
                           ["text", f"g{g}_plan", "Plan", "Plan", None, "yes"],
                           ["integer", f"g{g}_year", "Year", "Año", None, None, None, ". >= 1990 and . <= 2030", "1990–2030"],
                           ["select_one yes_no", f"g{g}_current", "Current?", "¿Vigente?"],
                           ["select_one areas", f"g{g}_area", "Area", "Área", None, None, None, None, None, None,
                            f"group = ${{g{g}_current}}"], ["end_repeat"]]
            if kind in (0, 1, 2, 3):
                list_ = f"{name}_levels"
                choices += [[list_, str(level), f"{level} – level {level}", f"{level} – nivel {level}"] for level in range(5)]
                survey.append([f"select_one {list_}", name, *label, "Level from 0 to 4", "yes",
                               f"${{g{g}_q{n - 1}}} != '0'" if kind == 1 and n > 1 else None])
            elif kind == 4:
                survey.append(["select_one yes_no", name, *label, None, "yes"])
            elif kind == 5:
                survey.append(["integer", name, *label, None, None, f"${{g{g}_q{n - 1}}} = 'yes'", ". >= 0 and . <= 10000", "0–10000"])
            elif kind == 6:
                survey.append(["decimal", name, *label, None, None, None, ". >= 0 and . <= 100", "0–100"])
            elif kind == 7:
                survey.append(["date", name, *label])
            elif kind == 8:
                survey.append([f"select_multiple {name}_tools", name, *label])
                choices += [[f"{name}_tools", f"t{i}", f"Tool {i}", f"Herramienta {i}"] for i in range(1, 5)]
            else:
                survey.append(["text", name, *label])
        survey.append(["calculate", f"g{g}_total", None, None, None, None, None, None, None, f"${{g{g}_q5}} + ${{g{g}_q15}}"])
        survey.append(["end_group"])
    choices += [["areas", "a1", "Planning", "Planificación", "yes"], ["areas", "a2", "Budget", "Presupuesto", "no"]]
    settings = [["form_title", "form_id", "version", "default_language"], ["Benchmark", "bench", "2026.1", "English (en)"]]
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in (("survey", survey), ("choices", choices), ("settings", settings)):
        sheet = wb.create_sheet(title)
        for row in rows:
            sheet.append(row)
    wb.save(path)
    return path


def run() -> list[Figure]:
    from pyxform.xls2xform import convert  # noqa: PLC0415 - a test/bench extra, not a dependency of the package

    with tempfile.TemporaryDirectory() as tmp:
        path = write_form(Path(tmp) / "bench.xlsx")
        result = check_framework(path)
        assert result.framework is not None and len(result.framework.every_question) >= 300, result.errors
        ours, theirs = compared(lambda: check_framework(path), lambda: convert(xlsform=str(path)), repeat=3)
    return [report("framework_check", ours, "s", "pyxform_convert", theirs)]


if __name__ == "__main__":
    for figure in run():
        print(figure.line())
