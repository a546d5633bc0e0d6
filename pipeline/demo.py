"""The example workspace behind ``make demo``: illustrative rounds at different stages.

Every name, institution and person here is invented for the example.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterator

from . import messages as m
from . import rounds
from .i18n import translate
from .models import Calendar, Coordinator, Institution, Round, Stage, institution_id
from .questionnaires import emit
from .requests import open_from_request
from .workbooks.request import RequestContent, write_form
from .workspace import Workspace

PERU_REQUEST = RequestContent(
    values={
        "req_country": "Perú (PER)",
        "req_topic": "Planificación (planning)",
        "req_language": "es",
        "req_requested": dt.date(2026, 3, 2),
        "req_deadline": dt.date(2026, 12, 18),
        "req_visit_start": dt.date(2027, 2, 8),
        "req_visit_end": dt.date(2027, 2, 12),
        "req_report_due": dt.date(2027, 5, 28),
        "req_contact_name": "María Fernanda Quispe",
        "req_contact_position": "Directora de Modernización de la Gestión Pública",
        "req_contact_email": "mquispe@example.gob.pe",
    },
    institutions=[
        ("Centro Nacional de Planeamiento Estratégico", "CEPLAN", "mesa@example.ceplan.gob.pe"),
        ("Ministerio de Economía y Finanzas", "MEF", "planeamiento@example.mef.gob.pe"),
        ("Presidencia del Consejo de Ministros", "PCM", "sgp@example.pcm.gob.pe"),
        ("Gobierno Regional de Cusco", "GRC", "planificacion@example.regioncusco.gob.pe"),
    ],
    experts=[
        ("Carolina Méndez Rojas", "cmendez@example.gob.cl", "Chile (CHL)", "Ministerio de Desarrollo Social y Familia",
         "12 años en planificación estratégica y sistemas de monitoreo"),
        ("Luis Alberto Pérez", "lperez@example.gob.mx", "México (MEX)", "Secretaría de Hacienda y Crédito Público",
         "Presupuesto por resultados y evaluación de programas"),
        ("Ana Beatriz Souza", "asouza@example.gov.br", "Brasil (BRA)", "Ministério do Planejamento e Orçamento",
         "Planos plurianuais e planejamento participativo"),
    ],
)


def build(path: Path, lang: str = "es") -> Iterator[str]:
    """Builds the example workspace in ``path``; yields lines saying what was made where."""
    workspace = Workspace.init(path)
    form = write_form(workspace.root / "examples" / "solicitud-peru-planificacion.xlsx", workspace.catalog, "es", PERU_REQUEST)
    peru = open_from_request(workspace, form)
    rounds.set_coordinator(workspace, peru.id, Coordinator(name="Javier Morales", email="jmorales@example.oas.org"))
    others = [
        Round(
            id="2026-CRI-service_quality",
            country="CRI",
            topic="service_quality",
            institutions=tuple(
                Institution(id=institution_id(a), name=n, acronym=a, email=e)
                for n, a, e in (
                    ("Ministerio de Planificación Nacional y Política Económica", "MIDEPLAN", "calidad@example.mideplan.go.cr"),
                    ("Caja Costarricense de Seguro Social", "CCSS", "servicios@example.ccss.sa.cr"),
                )
            ),
            calendar=Calendar(requested=dt.date(2026, 10, 5), questionnaire_deadline=dt.date(2027, 1, 29)),
        ),
        Round(
            id="2026-JAM-civil_service",
            country="JAM",
            topic="civil_service",
            language="en",
            institutions=(Institution(id="ocs", name="Office of the Cabinet — Public Sector Transformation", acronym="OCS", email="pst@example.gov.jm"),),
            calendar=Calendar(requested=dt.date(2026, 11, 16)),
        ),
    ]
    for round_ in others:
        rounds.open_round(workspace, round_)
    questionnaires = emit(workspace, peru.id)
    emit(workspace, "2026-CRI-service_quality")
    yield translate(m.DEMO_BUILT, lang, path=str(workspace.root), count=len(workspace.ledger.rounds()))
    yield translate(m.DEMO_OUTPUT, lang, what=translate(m.DEMO_REQUEST_FORM, lang), path=str(form))
    for path in questionnaires:
        yield translate(m.DEMO_OUTPUT, lang, what=translate(m.DEMO_QUESTIONNAIRE, lang), path=str(path))
    yield from _returns(workspace, peru.id, questionnaires, lang)


def _returns(workspace: Workspace, round_id: str, questionnaires: list[Path], lang: str) -> Iterator[str]:
    """The officials' returns: CEPLAN complete; MEF with mistakes, then corrected from its feedback; GRC never answers."""
    from .example_answers import complete_answers
    from .framework_library import pinned
    from .inbox.run import run_once
    from .workbooks.filling import fill

    ceplan, mef, pcm, _grc = questionnaires
    _, framework = pinned(workspace, rounds.get(workspace, round_id))
    answers = complete_answers(framework)
    fill(ceplan, answers, workspace.inbox / "Cuestionario CEPLAN - respuesta.xlsx")
    mistakes = {k: v for k, v in answers.items() if k not in ("q_pl_02", "q_pl_07", "e_pl_01")}
    mistakes["q_pl_04"] = 250  # a percentage typed past the validation
    fill(mef, mistakes, workspace.inbox / "MEF cuestionario (borrador).xlsx")
    pcm_answers = {k: v for k, v in answers.items() if not k.startswith(("q_pl_2", "e_pl_2"))}
    fill(pcm, pcm_answers, workspace.inbox / "PCM.xlsx")
    outcomes = run_once(workspace, settle=0.0, workers=1, lang=lang)
    feedback = next(o for o in outcomes if o.result == "incomplete" and o.institution == "mef")
    corrected = {"q_pl_02": answers["q_pl_02"], "q_pl_07": answers["q_pl_07"], "q_pl_04": 45,
                 "e_pl_01": answers.get("e_pl_01", "Ley 28522")}
    fill(workspace.root / (feedback.answer or ""), corrected, workspace.inbox / "MEF cuestionario corregido.xlsx")
    outcomes += run_once(workspace, settle=0.0, workers=1, lang=lang)
    for outcome in outcomes:
        yield "  " + outcome.render(lang)
    yield from _interviews(workspace, round_id, lang)


def _interviews(workspace: Workspace, round_id: str, lang: str) -> Iterator[str]:
    """Step 4 and the first draft: consolidation, guides, two experts' notes, the preliminary draft."""
    from .consolidation import consolidate
    from .example_answers import example_notes
    from .framework_library import pinned
    from .inbox.run import run_once
    from .interviews import prepare
    from .reports import write_draft
    from .workbooks.filling import fill

    yield translate(m.DEMO_OUTPUT, lang, what=translate(m.DEMO_CONSOLIDATED, lang), path=str(consolidate(workspace, round_id)))
    made = prepare(workspace, round_id)
    for path in made.guides:
        yield translate(m.DEMO_OUTPUT, lang, what=translate(m.DEMO_GUIDE, lang), path=str(path))
    round_, framework = pinned(workspace, rounds.get(workspace, round_id))
    institutions = [i.id for i in round_.institutions]
    for offset, notes in enumerate(made.notes[:2]):
        fill(notes, example_notes(institutions, list(framework.elements), offset * 2), workspace.inbox / f"notas-{offset + 1}.xlsx")
    for outcome in run_once(workspace, settle=0.0, workers=1, lang=lang):
        yield "  " + outcome.render(lang)
    draft = write_draft(workspace, round_id)
    yield translate(m.DEMO_OUTPUT, lang, what=translate(m.DEMO_DRAFT, lang), path=str(draft.path))
