"""Rendering the preliminary report of a large round: ``render_report`` against a bare docxtpl render of the same context.

The round: 20 institutions, all of which answered a 150-question framework built in code (6 dimensions of 25
questions: 18 maturity questions (0–4 plus na/ii, evidence from level 2) grouped in 3 positive elements, 2 yes/no,
1 integer, 1 decimal, 1 date, 1 text and 1 select_multiple), and 12 rows of interview notes of three experts. The
responses are inserted into the ledger directly (``records.add_response``), with answers, raw values, evidence,
respondent and statuses as the inbox stores them (a ``QuestionnaireAnswers`` record), instead of going through 20 questionnaire workbooks.

``draft``: ``render_report`` end to end (the content built from the ledger, the context, the sandboxed render,
reopening the document for its properties and table of contents, the atomic save) minus the drawing of its charts.
To take the charts out, ``pipeline.documents.report.dimension_scores`` and ``institutions_compared`` are replaced,
for the timed calls only, by functions returning the ``Chart`` objects drawn once beforehand by the real functions
from the same arguments (checked to be the same on every call); the PNG files are the same, so the document embeds
the same pictures.

``docxtpl_render``, its baseline: ``DocxTemplate(report_draft.docx).render(context)`` then ``save``, where
``context`` is the very dict ``report_context`` returned for that round, its pictures as plain docxtpl
``InlineImage`` of the same PNG files and width. ``autoescape=True`` is docxtpl's own option, needed for people's
text with ``&`` or ``<`` to stay valid XML; nothing else (no sandbox, no cleaning, no reopening).

``charts``: the drawing of the report's charts apart (the overview and one per dimension), with the arguments
``render_report`` gave them; ``charts_cached``: the same charts when an earlier run drew them already (the pictures
copied from the workspace's chart cache, ``documents/charts.cached``).

Both timed figures are the best of 3 calls, after an untimed one; ``draft`` and its baseline interleaved.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import random
import tempfile
from pathlib import Path
from typing import Any, Callable
from unittest import mock

from docxtpl import DocxTemplate, InlineImage  # type: ignore[import-untyped]

from bench.common import Figure, compared, report, timed
from pipeline.documents import report as report_module
from pipeline.documents.charts import Chart, cached
from pipeline.documents.render import Picture
from pipeline.documents.report import REPORT_TEMPLATE, render_report, report_context
from pipeline.domain.answers import AnswerRecord, AnswerStatus, QuestionnaireAnswers
from pipeline.domain.enums import ResponseStatus
from pipeline.domain.framework import Choice, Dimension, Framework, Question, QuestionType
from pipeline.domain.models import Calendar, Contact, Coordinator, Expert, Institution, Panel, Round
from pipeline.domain.notes import ROW_COLUMNS, NoteRow
from pipeline.ledger import notes as stored_notes
from pipeline.ledger import records
from pipeline.ledger.workspace import Workspace
from pipeline.stages.report import content_of
from pipeline.stages.rounds import open_round

REPEAT = 3
ROUND = "2026-PER-planning"
LANG = "es"
DIMENSIONS = 6
ELEMENTS_PER_DIMENSION = 3
KINDS = ["maturity"] * 18 + ["yes_no"] * 2 + ["integer", "decimal", "date", "text", "multiple"]
LEVEL_WORDS = ("Inexistente", "Inicial", "En desarrollo", "Establecido", "Optimizado")
TYPES = {
    "maturity": QuestionType.SELECT_ONE, "yes_no": QuestionType.SELECT_ONE, "integer": QuestionType.INTEGER,
    "decimal": QuestionType.DECIMAL, "date": QuestionType.DATE, "text": QuestionType.TEXT,
    "multiple": QuestionType.SELECT_MULTIPLE,
}
INSTITUTIONS = (
    ("mef", "Ministerio de Economía y Finanzas"), ("pcm", "Presidencia del Consejo de Ministros"),
    ("ceplan", "Centro Nacional de Planeamiento Estratégico"), ("minsa", "Ministerio de Salud"),
    ("minedu", "Ministerio de Educación"), ("mininter", "Ministerio del Interior"), ("minam", "Ministerio del Ambiente"),
    ("mtc", "Ministerio de Transportes y Comunicaciones"), ("midis", "Ministerio de Desarrollo e Inclusión Social"),
    ("minjus", "Ministerio de Justicia y Derechos Humanos"), ("produce", "Ministerio de la Producción"),
    ("minem", "Ministerio de Energía y Minas"), ("midagri", "Ministerio de Desarrollo Agrario y Riego"),
    ("mimp", "Ministerio de la Mujer y Poblaciones Vulnerables"), ("mintra", "Ministerio de Trabajo y Promoción del Empleo"),
    ("vivienda", "Ministerio de Vivienda, Construcción y Saneamiento"), ("mincetur", "Ministerio de Comercio Exterior y Turismo"),
    ("cultura", "Ministerio de Cultura"), ("servir", "Autoridad Nacional del Servicio Civil"),
    ("cgr", "Contraloría General de la República"),
)
EXPERTS = (("CHL", "Carolina Fuentes"), ("MEX", "Jorge Ramírez"), ("COL", "Lucía Restrepo"))
EVIDENCE = (
    "Resolución ministerial de aprobación del plan estratégico institucional y su informe de evaluación anual.",
    "Actas del comité de planeamiento & informes trimestrales de seguimiento publicados en el portal de transparencia.",
    "Directiva interna de gestión por procesos, manual de procedimientos y registro de capacitaciones del personal.",
    "Informe de auditoría de desempeño y plan de acción para atender sus recomendaciones (anexo 3).",
)
TEXTS = (
    "La oficina de planeamiento coordina con las direcciones de línea mediante reuniones mensuales.",
    "Se cuenta con un tablero de indicadores actualizado cada trimestre; falta integrarlo al presupuesto.",
    "El proceso se documentó en 2023 y se revisa cada año con participación de la sociedad civil.",
)


# The framework and the round


def framework() -> Framework:
    lists: dict[str, tuple[Choice, ...]] = {"yes_no": (Choice(name="yes", label={"es": "Sí"}), Choice(name="no", label={"es": "No"}))}
    elements: dict[str, dict[str, str]] = {}
    dimensions = []
    for d in range(1, DIMENSIONS + 1):
        for e in range(1, ELEMENTS_PER_DIMENSION + 1):
            elements[f"d{d}_e{e}"] = {"es": f"Elemento {e} de la dimensión {d}: práctica institucionalizada de gestión"}
        questions = []
        maturity = 0
        for q_number, kind in enumerate(KINDS, start=1):
            name = f"d{d}_{kind}_{q_number}"
            list_name, element = None, None
            if kind == "maturity":
                list_name, element = f"{name}_levels", f"d{d}_e{maturity % ELEMENTS_PER_DIMENSION + 1}"
                maturity += 1
                lists[list_name] = tuple(
                    Choice(name=str(level), label={"es": f"{level} – {word}: descripción del nivel {level} para la pregunta "
                                                         f"{q_number} de la dimensión {d}."})
                    for level, word in enumerate(LEVEL_WORDS)) + (
                    Choice(name="na", label={"es": "No aplica"}), Choice(name="ii", label={"es": "Información insuficiente"}))
            elif kind == "yes_no":
                list_name = "yes_no"
            elif kind == "multiple":
                list_name = f"{name}_options"
                lists[list_name] = tuple(Choice(name=f"opt{i}", label={"es": f"Opción {i}: instrumento de gestión"}) for i in range(1, 5))
            label = (f"Pregunta {q_number} de la dimensión {d}: ¿en qué medida la institución aplica la práctica de gestión "
                     f"número {q_number} de manera sistemática y documentada?")
            questions.append(Question(
                name=name, type=TYPES[kind], list_name=list_name, label={"es": label}, hint={"es": "Considere los últimos dos años."},
                required=kind in ("maturity", "yes_no", "integer", "multiple"), element=element,
                evidence="2" if kind == "maturity" else "yes" if kind == "yes_no" else "no"))
        dimensions.append(Dimension(name=f"d{d}", label={"es": f"Dimensión {d}: capacidades de gestión pública"},
                                    questions=tuple(questions)))
    return Framework(id="bench-report", version="2026.1", title={"es": "Marco de referencia de prueba"}, topic="planning",
                     languages=("es",), elements=elements, choices=lists, dimensions=tuple(dimensions), note="Marco ilustrativo.")


def answers_of(fw: Framework, seed: int) -> QuestionnaireAnswers:
    """One institution's response as the inbox stores it: per question its value, what was typed, evidence, status."""
    rng = random.Random(seed)
    records_: dict[str, AnswerRecord] = {}
    base = rng.choice((1, 2, 2, 3))
    for q in fw.questions:
        labels = {c.name: c.label["es"] for c in fw.options(q)}
        status, evidence = AnswerStatus.ANSWERED, None
        if q.type is QuestionType.SELECT_ONE and q.list_name != "yes_no":
            value: Any = rng.choices([str(min(4, max(0, base + rng.randint(-1, 2)))), "na", "ii"], weights=(90, 5, 5))[0]
            raw: Any = labels[value]
            if q.evidence_asked(value):
                if rng.random() < 0.9:
                    evidence = rng.choice(EVIDENCE)
                else:
                    status = AnswerStatus.EVIDENCE_MISSING
        elif q.type is QuestionType.SELECT_ONE:
            value = rng.choice(("yes", "yes", "no"))
            raw = labels[value]
            if value == "yes":
                evidence = rng.choice(EVIDENCE)
        elif q.type is QuestionType.INTEGER:
            value = raw = rng.randint(2005, 2025)
        elif q.type is QuestionType.DECIMAL:
            value = raw = round(rng.uniform(0, 100), 1)
        elif q.type is QuestionType.DATE:
            value = dt.date(2024, rng.randint(1, 12), rng.randint(1, 28))
            raw = dt.datetime.combine(value, dt.time())
        elif q.type is QuestionType.TEXT:
            value = raw = rng.choice(TEXTS)
        else:
            value = tuple(sorted(rng.sample([c.name for c in fw.options(q)], rng.randint(1, 3))))
            raw = tuple((c.name, "Sí" if c.name in value else "No") for c in fw.options(q))
        records_[q.name] = AnswerRecord(q.name, status, value, raw, evidence)
    respondent = {"resp_name": "Rosa Huamán", "resp_position": "Directora de Planeamiento", "resp_email": "rhuaman@example.gob.pe",
                  "resp_date": dt.date(2026, 5, 2)}
    return QuestionnaireAnswers(records_, respondent)


def note_rows(fw: Framework) -> list[dict[str, str]]:
    rows = []
    elements = list(fw.elements)
    for number in range(12):
        state, name = EXPERTS[number % len(EXPERTS)]
        expert = f"{state.lower()}@example.org"
        row = {c: "" for c in ROW_COLUMNS}
        row.update(round=ROUND, expert=expert, expert_name=name, notes_id=f"{ROUND}.notes.{state.lower()}.1",
                   institution=INSTITUTIONS[(number * 7) % len(INSTITUTIONS)][0], element=elements[(number * 5) % len(elements)],
                   received="2026-06-15T10:00:00+00:00", sha256=hashlib.sha256(expert.encode()).hexdigest(),
                   finding=f"La institución presentó evidencia parcial del elemento; {TEXTS[number % len(TEXTS)]}",
                   assessment=("confirmed", "partly", "not_confirmed")[number % 3], questions=f"d1_maturity_{number % 18 + 1}")
        if number % 3 == 0:
            row["need"] = "Asistencia técnica para vincular el plan con el presupuesto por resultados."
        if number % 4 == 1:
            row["challenge"] = "Integrar los sistemas de información de planeamiento y presupuesto."
        # every row has a recommendation: report_context's annex B raises KeyError for a row without one
        # (pipeline/documents/report.py, _notes, "used_for": ids[note_key(note)] is evaluated before the `* (… in ids)`)
        row.update(recommendation=f"Institucionalizar el seguimiento trimestral del plan ({number + 1}).",
                   priority=("high", "medium", "low")[number % 3])
        rows.append(row)
    return rows


def build_round(folder: Path) -> Workspace:
    fw = framework()
    workspace = Workspace.init(folder / "ws")
    with workspace.ledger.transaction():
        workspace.ledger.pin_framework(fw)
    institutions = tuple(Institution(id=i, name=name, acronym=i.upper(), email=f"planeamiento@{i}.gob.pe") for i, name in INSTITUTIONS)
    open_round(workspace, Round(
        id=ROUND, country="PER", topic="planning", framework_id=fw.id, framework_version=fw.version, institutions=institutions,
        calendar=Calendar(requested=dt.date(2026, 3, 1), questionnaire_deadline=dt.date(2026, 5, 1),
                          visit_start=dt.date(2026, 6, 8), visit_end=dt.date(2026, 6, 12), report_due=dt.date(2026, 8, 31)),
        panel=Panel(experts=tuple(Expert(name=name, email=f"{state.lower()}@example.org", state=state, institution="Ministerio",
                                         experience="Diez años") for state, name in EXPERTS),
                    coordinator=Coordinator(name="Ana Coordinadora", email="ana@example.org")),
        contact=Contact(name="Pedro Castillo", email="pcastillo@pcm.gob.pe", position="Secretario de Gestión Pública")))
    required = sum(q.required for q in fw.questions)
    with workspace.ledger.transaction():
        for seed, (institution, _) in enumerate(INSTITUTIONS):
            answers = answers_of(fw, seed)
            missing = sum(a.status is AnswerStatus.EVIDENCE_MISSING for a in answers.answers.values())
            records.add_response(workspace.ledger, records.Response(
                hashlib.sha256(f"response-{institution}".encode()).hexdigest(), ROUND, institution, f"{ROUND}.{institution}.1",
                f"2026-04-{seed + 1:02d}T12:00:00+00:00", ResponseStatus.ACCEPTED, required, required, 0, missing, answers))
    with workspace.ledger.transaction():
        rows = note_rows(fw)
        for expert in dict.fromkeys(r["expert"] for r in rows):  # one stored notes file per expert
            stored_notes.store_rows(workspace.ledger, [NoteRow(**r) for r in rows if r["expert"] == expert])
    return workspace


# The charts, drawn once


CHART_FUNCTIONS = ("dimension_scores", "institutions_compared")


def _path_of(args: tuple[Any, ...], kwargs: dict[str, Any]) -> Path:
    return Path(args[3] if len(args) > 3 else kwargs["path"])


def _without_path(args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[tuple[Any, ...], dict[str, Any]]:
    return args[:3] + args[4:], {k: v for k, v in kwargs.items() if k != "path"}


class Charts:
    """The report's chart calls, recorded while drawing them once; replayed, or answered from the drawing."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
        self.drawn: dict[str, tuple[Any, Chart]] = {}  # file name -> (arguments but the path, the Chart drawn)

    def recording(self) -> Any:
        """Patches the report's chart functions with the real ones, recording each call and its Chart."""
        def wrap(name: str) -> Callable[..., Chart]:
            real = getattr(report_module, name)

            def recorded(*args: Any, **kwargs: Any) -> Chart:
                chart = real(*args, **kwargs)
                self.calls.append((name, args, kwargs))
                self.drawn[_path_of(args, kwargs).name] = (_without_path(args, kwargs), chart)
                return chart
            return recorded
        return mock.patch.multiple(report_module, **{name: wrap(name) for name in CHART_FUNCTIONS})

    def predrawn(self) -> Any:
        """Patches the report's chart functions with ones returning the Charts drawn, for the same arguments."""
        def answer(*args: Any, **kwargs: Any) -> Chart:
            arguments, chart = self.drawn[_path_of(args, kwargs).name]
            if _without_path(args, kwargs) != arguments:
                raise RuntimeError(f"chart {_path_of(args, kwargs).name} asked with other arguments than those drawn")
            return chart
        return mock.patch.multiple(report_module, **{name: answer for name in CHART_FUNCTIONS})

    def draw_all(self, folder: Path, cache: Path | None = None) -> None:
        """Draws every recorded chart again, with the same arguments, into ``folder``; through ``cache`` (as
        ``render_report`` does with the workspace's) when one is given."""
        for name, args, kwargs in self.calls:
            path = folder / _path_of(args, kwargs).name
            if len(args) > 3:
                cached(cache, getattr(report_module, name), *args[:3], path, *args[4:], **kwargs)
            else:
                cached(cache, getattr(report_module, name), *args, **{**kwargs, "path": path})


# The baseline


def with_inline_images(value: Any, images: list[InlineImage]) -> Any:
    """``value`` with every Picture replaced by a plain docxtpl InlineImage of the same file and width."""
    if isinstance(value, Picture):
        image = InlineImage(None, value.image_descriptor, width=value.width)
        images.append(image)
        return image
    if isinstance(value, dict):
        return {k: with_inline_images(v, images) for k, v in value.items()}
    if isinstance(value, list):
        return [with_inline_images(v, images) for v in value]
    return value


def docxtpl_render(context: dict[str, Any], images: list[InlineImage], target: Path) -> None:
    document = DocxTemplate(REPORT_TEMPLATE)
    for image in images:
        image.tpl = document
    document.render(context, autoescape=True)
    document.save(target)


# The benchmark


def setup(folder: Path) -> tuple[Workspace, Charts, dict[str, Any], list[InlineImage]]:
    """The round, its charts drawn once into ``folder``/charts, and the baseline's context."""
    workspace = build_round(folder)
    charts = Charts()
    (folder / "charts").mkdir()
    with charts.recording():
        context = report_context(workspace.catalog, content_of(workspace, ROUND), 1, LANG, folder / "charts")
    images: list[InlineImage] = []
    return workspace, charts, with_inline_images(context, images), images


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="bench-draft-") as name:
        folder = Path(name)
        workspace, charts, context, images = setup(folder)
        ours_path, theirs_path = folder / "draft.docx", folder / "docxtpl.docx"
        with charts.predrawn():
            ours, theirs = compared(lambda: render_report(workspace.catalog, content_of(workspace, ROUND), 1, ours_path, lang=LANG),
                                    lambda: docxtpl_render(context, images, theirs_path), repeat=REPEAT)
        (folder / "redrawn").mkdir()
        drawing = timed(lambda: charts.draw_all(folder / "redrawn"), repeat=REPEAT)
        charts.draw_all(folder / "redrawn", folder / "cache")  # the cache of an earlier run
        copied = timed(lambda: charts.draw_all(folder / "redrawn", folder / "cache"), repeat=REPEAT)
    return [report("draft", ours, "s", "docxtpl_render", theirs),
            report("charts", drawing, "s"),
            report("charts_cached", copied, "s", "charts", drawing)]


if __name__ == "__main__":
    for figure in run():
        print(figure.line())
