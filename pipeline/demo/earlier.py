"""The example workspace's earlier round: Peru's planning round of 2022, published, with a follow-up — invented for
the example, on an invented earlier version of the planning framework, so that the 2026 round has an earlier round
to be compared with (``analysis/comparison.py``).

The earlier version (2022.1, marked illustrative in its note) differs from the shipped one as a real revision
would: question pl_10 counted in element pl_e1 and has moved to pl_e5; element pl_e10, with its question pl_31,
no longer exists; question pl_30 is new. The institutions rated themselves a level lower than they do now.
"""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Iterator

from pipeline.analysis.followup import question_base
from pipeline.demo.answers import complete_answers, example_notes
from pipeline.demo.edits import write_panel_text
from pipeline.demo.filling import fill
from pipeline.domain.enums import FollowupStatus, PublicationScope
from pipeline.domain.framework import Choice, Framework, Question, QuestionType, pick
from pipeline.domain.models import Calendar, Coordinator, Expert, Institution, Panel, Round, Stage
from pipeline.i18n import messages as m
from pipeline.i18n.messages.comparison import DEMO_EARLIER, DEMO_EARLIER_NOTE
from pipeline.i18n.messages.followup import FOLLOWUP_STATUSES
from pipeline.i18n.translation import translate
from pipeline.inbox.kinds import REGISTRY
from pipeline.inbox.run import run_once
from pipeline.ledger import recommendations
from pipeline.ledger.workspace import Workspace
from pipeline.stages import rounds
from pipeline.stages.consent import ConsentChoice
from pipeline.stages.frameworks import pinned
from pipeline.stages.interviews import prepare
from pipeline.stages.publication import emit_followup, write_final
from pipeline.stages.questionnaire import emit
from pipeline.stages.report import approve, write_draft

EARLIER_ID = "2022-PER-planning"
LANGUAGES = ("es", "en", "pt", "fr")
REMOVED_ELEMENT = {"es": "Sistema de información para la planificación", "en": "An information system for planning",
                   "pt": "Sistema de informação para o planejamento", "fr": "Un système d'information pour la planification"}
REMOVED_QUESTION = {"es": "¿Existe un sistema nacional de información que reúna los planes y sus indicadores?",
                    "en": "Is there a national information system that gathers the plans and their indicators?",
                    "pt": "Existe um sistema nacional de informação que reúna os planos e seus indicadores?",
                    "fr": "Existe-t-il un système national d'information qui réunit les plans et leurs indicateurs ?"}
NOTE = DEMO_EARLIER_NOTE  # said in each document's language (Framework.note_in)


def earlier_framework(framework: Framework) -> Framework:
    """The invented version 2022.1 of the planning framework (see the module's docstring)."""
    scale = tuple(Choice(name=level, label={lang: translate(m.Q_SCALE[level], lang).split(":")[0] for lang in LANGUAGES})
                  for level in ("0", "1", "2", "3", "4")) + tuple(c for c in framework.choices["pl_27_levels"] if not c.name.isdigit())
    removed = Question(name="pl_31", type=QuestionType.SELECT_ONE, list_name="pl_31_levels", label=REMOVED_QUESTION,
                       required=True, element="pl_e10", evidence="2")
    dimensions = []
    for d in framework.dimensions:
        questions = tuple(q.model_copy(update={"element": "pl_e1"}) if q.name == "pl_10" else q for q in d.questions if q.name != "pl_30")
        if d.name == "pl_d6":
            questions += (removed,)
        dimensions.append(d.model_copy(update={"questions": questions}))
    return framework.model_copy(update={
        "version": "2022.1", "note": NOTE, "elements": {"pl_e10": REMOVED_ELEMENT, **framework.elements},
        "choices": {**framework.choices, "pl_31_levels": scale}, "dimensions": tuple(dimensions)})


def _a_level_lower(framework: Framework, typed: dict[str, object]) -> dict[str, object]:
    lowered = dict(typed)
    for q in framework.questions:
        options = {c.name: pick(c.label, "es", framework.default_language) for c in framework.options(q)}
        if framework.is_maturity(q) and (code := next((c for c, label in options.items() if label == typed.get(f"q_{q.name}")), None)):
            if code.isdigit() and code != "0":
                lowered[f"q_{q.name}"] = options[str(int(code) - 1)]
    return lowered


def _round() -> Round:
    institutions = (
        Institution(id="ceplan", name="Centro Nacional de Planeamiento Estratégico", acronym="CEPLAN", email="mesa@example.ceplan.gob.pe"),
        Institution(id="mef", name="Ministerio de Economía y Finanzas", acronym="MEF", email="planeamiento@example.mef.gob.pe"),
        Institution(id="pcm", name="Presidencia del Consejo de Ministros", acronym="PCM", email="sgp@example.pcm.gob.pe"),
    )
    experts = (
        Expert(name="Andrés Felipe Rojas", email="arojas@example.gov.co", state="COL", institution="Departamento Nacional de Planeación",
               experience="Planificación territorial y sistemas de seguimiento"),
        Expert(name="Lucía Fernández", email="lfernandez@example.gub.uy", state="URY", institution="Oficina de Planeamiento y Presupuesto",
               experience="Presupuesto por programas"),
    )
    return Round(id=EARLIER_ID, country="PER", topic="planning", institutions=institutions,
                 calendar=Calendar(requested=dt.date(2022, 3, 7), questionnaire_deadline=dt.date(2022, 6, 30),
                                   visit_start=dt.date(2022, 9, 5), visit_end=dt.date(2022, 9, 9), report_due=dt.date(2022, 12, 16)),
                 panel=Panel(experts=experts, coordinator=Coordinator(name="Javier Morales", email="jmorales@example.oas.org")))


def build_earlier(workspace: Workspace, lang: str) -> Iterator[str]:
    """Takes the earlier round from request to its follow-up, quietly; yields one line saying what it is."""
    round_ = rounds.open_round(workspace, _round())
    _, framework = pinned(workspace, round_)
    workspace.ledger.pin(rounds.get(workspace, round_.id), earlier_framework(framework))
    earlier = pinned(workspace, rounds.get(workspace, round_.id))[1]
    work = workspace.root / "examples" / EARLIER_ID
    work.mkdir(parents=True, exist_ok=True)
    rounds.move_round(workspace, round_.id, Stage.QUESTIONNAIRE_OPEN)
    for seed, path in enumerate(emit(workspace, round_.id)):
        fill(path, _a_level_lower(earlier, complete_answers(earlier, seed=seed)), workspace.inbox / f"{EARLIER_ID}-{seed}.xlsx")
    run_once(workspace, REGISTRY, settle=0.0, workers=1, lang=lang)
    rounds.move_round(workspace, round_.id, Stage.INTERVIEWS)
    notes = prepare(workspace, round_.id).notes
    fill(notes[0], example_notes([i.id for i in round_.institutions], list(earlier.elements)), workspace.inbox / f"{EARLIER_ID}-notas.xlsx")
    run_once(workspace, REGISTRY, settle=0.0, workers=1, lang=lang)
    rounds.move_round(workspace, round_.id, Stage.DRAFTING)
    draft = write_draft(workspace, round_.id).path
    agreed = write_panel_text(draft, work / "borrador-acordado.docx", {},
                              "El panel coincidió con la autoevaluación de las instituciones (texto ilustrativo).", "Javier Morales")
    shutil.copyfile(agreed, workspace.inbox / f"{EARLIER_ID}-borrador-acordado.docx")
    run_once(workspace, REGISTRY, settle=0.0, workers=1, lang=lang)
    rounds.move_round(workspace, round_.id, Stage.COUNTRY_REVIEW)
    # approved and published today: the pipeline dates what it records (the round's own calendar says 2022)
    approve(workspace, round_.id, "María Fernanda Quispe", dt.date.today(), ConsentChoice(PublicationScope.FULL, answers=True))
    rounds.move_round(workspace, round_.id, Stage.APPROVED)
    final = write_final(workspace, round_.id)
    rounds.move_round(workspace, round_.id, Stage.PUBLISHED)
    _follow_up(workspace, round_.id, lang)
    yield translate(DEMO_EARLIER, lang, round=round_.id, framework=earlier.display_name(lang), path=str(final.docx))


def _follow_up(workspace: Workspace, round_id: str, lang: str) -> None:
    """The country reports on the earlier recommendations: one implemented, one in progress, one not started."""
    followup: Path = emit_followup(workspace, round_id)
    answers: dict[str, object] = {}
    for n, rec in enumerate(sorted(recommendations.ids(workspace.ledger, round_id).values())):
        status = (FollowupStatus.IMPLEMENTED, FollowupStatus.IN_PROGRESS, FollowupStatus.NOT_STARTED)[n % 3]
        answers[f"q_{question_base(rec)}_status"] = translate(FOLLOWUP_STATUSES[status], "es")
        if status is not FollowupStatus.NOT_STARTED:
            answers[f"q_{question_base(rec)}_actions"] = "Se aprobó la guía de articulación de planes (texto ilustrativo)."
            answers[f"q_{question_base(rec)}_evidence"] = "Resolución 012-2024, https://example.gob.pe/guia"
    fill(followup, answers, workspace.inbox / f"{EARLIER_ID}-seguimiento.xlsx")
    run_once(workspace, REGISTRY, settle=0.0, workers=1, lang=lang)
