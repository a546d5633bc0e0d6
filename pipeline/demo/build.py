"""The example workspace behind ``make demo``: illustrative rounds at different stages.

Every name, institution and person here is invented for the example. The main round (Peru, planning) is in Spanish,
or in the working language asked for (``mecigep demo --round-language pt``): its documents are then in that language,
and what its people type is written in it (``demo/texts.py``).
"""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Iterator

from pipeline.analysis.followup import question_base
from pipeline.demo.answers import complete_answers, example_notes
from pipeline.demo.earlier import build_earlier
from pipeline.demo.edits import answer_matrix, resolve_everything, review_by_country, settle_conflicts, write_panel_text
from pipeline.demo.filling import fill
from pipeline.demo.texts import TEXTS, DemoTexts
from pipeline.domain.enums import FollowupStatus, PublicationScope, Result
from pipeline.domain.models import Calendar, Coordinator, Institution, Round, Stage, institution_id
from pipeline.domain.problems import UserError
from pipeline.i18n import messages as m
from pipeline.i18n.messages.checks import DEMO_CHECKS, DEMO_CORRECTION
from pipeline.i18n.messages.followup import FOLLOWUP_STATUSES
from pipeline.i18n.translation import translate
from pipeline.inbox.kinds import REGISTRY
from pipeline.inbox.run import run_once
from pipeline.ledger import recommendations
from pipeline.ledger.drafts import current
from pipeline.ledger.workspace import Workspace
from pipeline.stages import panel, rounds
from pipeline.stages.consent import ConsentChoice, consent_of, describe
from pipeline.stages.corrections import checks, correct, described
from pipeline.stages.frameworks import pinned
from pipeline.stages.interviews import consolidate, prepare
from pipeline.stages.mail import write_mail, write_reminders
from pipeline.stages.publication import emit_followup, write_final, write_register
from pipeline.stages.questionnaire import emit
from pipeline.stages.report import approve, write_draft
from pipeline.stages.report_compare import compare
from pipeline.stages.report_review import write_review
from pipeline.stages.request import open_from_request
from pipeline.stages.seminar import write_seminar
from pipeline.workbooks.request import RequestContent, write_form


def peru_request(today: dt.date, language: str = "es") -> RequestContent:
    """Peru's request of 2 March 2026, its later dates set so that its round has gone through its interviews by ``today``,
    for a round in ``language``."""
    return RequestContent(values={**PERU_REQUEST.values, "req_language": language, "req_requested": dt.date(2026, 3, 2),
                                  "req_deadline": today - dt.timedelta(days=180), "req_visit_start": today - dt.timedelta(days=120),
                                  "req_visit_end": today - dt.timedelta(days=116), "req_report_due": today + dt.timedelta(days=30)},
                          institutions=PERU_REQUEST.institutions, experts=PERU_REQUEST.experts)


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


def _move(workspace: Workspace, round_id: str, stage: Stage, lang: str, reason: str = "") -> str:
    """Moves the round explicitly, as staff do with ``mecigep round move``; the line saying so."""
    done = rounds.move_round(workspace, round_id, stage, reason)
    return "  " + translate(m.STAGE_MOVED, lang, round=round_id, previous=m.STAGE_NAMES[done.before.stage.value],
                            stage=m.STAGE_NAMES[done.after.stage.value])


def build(path: Path, lang: str = "es", publish: bool = True, round_language: str = "es") -> Iterator[str]:
    """Builds the example workspace in ``path``; yields lines (in ``lang``) saying what was made where.

    The Peruvian round's working language is ``round_language``; with ``publish`` False it stops at its first
    preliminary draft."""
    workspace = Workspace.init(path)
    today = dt.date.today()
    form = write_form(workspace.root / "examples" / "solicitud-peru-planificacion.xlsx", workspace.catalog, round_language,
                      peru_request(today, round_language))
    peru = open_from_request(workspace, form)
    coordinator = Coordinator(name="Javier Morales", email="jmorales@example.oas.org")
    panel.set_coordinator(workspace, peru.id, coordinator)
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
            calendar=Calendar(requested=today - dt.timedelta(days=60), questionnaire_deadline=today + dt.timedelta(days=7)),
        ),
        Round(
            id="2026-JAM-civil_service",
            country="JAM",
            topic="civil_service",
            language="en",
            institutions=(Institution(id="ocs", name="Office of the Cabinet — Public Sector Transformation", acronym="OCS", email="pst@example.gov.jm"),),
            calendar=Calendar(requested=today - dt.timedelta(days=18)),
        ),
    ]
    for round_ in others:
        rounds.open_round(workspace, round_)
    costa_rica = "2026-CRI-service_quality"
    panel.set_coordinator(workspace, costa_rica, coordinator)
    earlier = list(build_earlier(workspace, lang))  # Peru's illustrative 2022 round, which the 2026 one is compared with
    yield translate(m.DEMO_BUILT, lang, path=str(workspace.root), count=len(workspace.ledger.rounds()))
    yield from earlier
    yield translate(m.DEMO_OUTPUT, lang, what=translate(m.DEMO_REQUEST_FORM, lang), path=str(form))
    for round_id in (peru.id, costa_rica):
        yield _move(workspace, round_id, Stage.QUESTIONNAIRE_OPEN, lang)
    questionnaires = emit(workspace, peru.id)
    emit(workspace, costa_rica)
    for path in questionnaires:
        yield translate(m.DEMO_OUTPUT, lang, what=translate(m.DEMO_QUESTIONNAIRE, lang), path=str(path))
    for reminder in write_reminders(workspace, costa_rica).written:  # its deadline is a week away and nobody answered
        yield translate(m.DEMO_OUTPUT, lang, what=translate(m.DEMO_REMINDER, lang), path=str(reminder.path))
    yield from _returns(workspace, peru.id, questionnaires, lang)
    draft = _current_draft(workspace, peru.id)
    if publish and draft is not None:
        yield from _review_and_publication(workspace, peru.id, draft, lang)
        yield from _after_publication(workspace, peru.id, lang)


def _current_draft(workspace: Workspace, round_id: str) -> Path | None:

    found = current(workspace, round_id)
    return workspace.root / found.file if found else None


def _returns(workspace: Workspace, round_id: str, questionnaires: list[Path], lang: str) -> Iterator[str]:
    """The officials' returns: CEPLAN complete; MEF with mistakes, then corrected from its feedback; GRC never answers."""

    ceplan, mef, pcm, _grc = questionnaires
    round_, framework = pinned(workspace, rounds.get(workspace, round_id))
    ceplan_answers = complete_answers(framework, round_.language, seed=0)
    fill(ceplan, ceplan_answers, workspace.inbox / "Cuestionario CEPLAN - respuesta.xlsx")
    answers = complete_answers(framework, round_.language, seed=1)
    mistakes = {k: v for k, v in answers.items() if k not in ("q_pl_02", "q_pl_07", "e_pl_01")}
    mistakes["q_pl_04"] = 250  # a percentage typed past the validation
    fill(mef, mistakes, workspace.inbox / "MEF cuestionario (borrador).xlsx")
    pcm_answers = {k: v for k, v in complete_answers(framework, round_.language, seed=2).items() if not k.startswith(("q_pl_2", "e_pl_2"))}
    fill(pcm, pcm_answers, workspace.inbox / "PCM.xlsx")
    outcomes = run_once(workspace, REGISTRY, settle=0.0, workers=1, lang=lang)
    feedback = next(o for o in outcomes if o.result is Result.INCOMPLETE and o.institution == "mef")
    corrected = {"q_pl_02": answers["q_pl_02"], "q_pl_07": answers["q_pl_07"], "q_pl_04": 45,
                 "e_pl_01": answers.get("e_pl_01", "Ley 28522")}
    fill(workspace.root / (feedback.answer or ""), corrected, workspace.inbox / "MEF cuestionario corregido.xlsx")
    pcm_texts = {"q_pl_30": ceplan_answers["q_pl_30"]}  # PCM pastes CEPLAN's answer: a quality check fires
    fill(workspace.root / (next(o for o in outcomes if o.institution == "pcm").answer or ""), pcm_texts,
         workspace.inbox / "PCM corregido.xlsx")
    outcomes += run_once(workspace, REGISTRY, settle=0.0, workers=1, lang=lang)
    for outcome in outcomes:
        yield "  " + outcome.render(lang)
    yield from _dgpe(workspace, round_id, lang)
    yield from _interviews(workspace, round_id, lang)


def _dgpe(workspace: Workspace, round_id: str, lang: str) -> Iterator[str]:
    """DGPE corrects a number CEPLAN's official confirmed by phone, and looks at the quality checks."""
    made = correct(workspace, round_id, "ceplan", "pl_23", "120", _said(workspace, round_id).correction_note, "Javier Morales")
    before, after = described(workspace, made, lang)
    yield translate(DEMO_CORRECTION, lang, institution="CEPLAN", question=made.question, before=before, after=after)
    fired = [s.gap.key for s in checks(workspace, round_id) if s.gap.kind.quality_check]
    yield translate(DEMO_CHECKS, lang, checks=fired)


def _interviews(workspace: Workspace, round_id: str, lang: str) -> Iterator[str]:
    """Step 4 and the first draft: consolidation, guides, two experts' notes, the preliminary draft."""

    yield translate(m.DEMO_OUTPUT, lang, what=translate(m.DEMO_CONSOLIDATED, lang), path=str(consolidate(workspace, round_id).path))
    yield _move(workspace, round_id, Stage.INTERVIEWS, lang)
    made = prepare(workspace, round_id)
    for path in made.guides:
        yield translate(m.DEMO_OUTPUT, lang, what=translate(m.DEMO_GUIDE, lang), path=str(path))
    round_, framework = pinned(workspace, rounds.get(workspace, round_id))
    institutions = [i.id for i in round_.institutions]
    for offset, notes in enumerate(made.notes[:2]):
        fill(notes, example_notes(institutions, list(framework.elements), offset * 2, round_.language),
             workspace.inbox / f"notas-{offset + 1}.xlsx")
    for outcome in run_once(workspace, REGISTRY, settle=0.0, workers=1, lang=lang):
        yield "  " + outcome.render(lang)
    yield _move(workspace, round_id, Stage.DRAFTING, lang)
    draft = write_draft(workspace, round_id)
    yield translate(m.DEMO_OUTPUT, lang, what=translate(m.DEMO_DRAFT, lang), path=str(draft.path))


CAROLINA, LUIS, COORDINATOR, COUNTRY = "Carolina Méndez Rojas", "Luis Alberto Pérez", "Javier Morales", "María Fernanda Quispe"


def _said(workspace: Workspace, round_id: str) -> DemoTexts:
    """What the round's people type, in its working language."""
    return TEXTS[rounds.get(workspace, round_id).language]


def _drop(workspace: Workspace, path: Path, lang: str) -> Iterator[str]:
    shutil.copyfile(path, workspace.inbox / path.name)
    for outcome in run_once(workspace, REGISTRY, settle=0.0, workers=1, lang=lang):
        yield "  " + outcome.render(lang)


def _refused(workspace: Workspace, round_id: str, lang: str) -> Iterator[str]:
    try:
        approve(workspace, round_id, COUNTRY, dt.date.today())
    except UserError as refused:
        yield "  " + refused.render(lang).replace("\n", "\n  ")


def _review_and_publication(workspace: Workspace, round_id: str, first: Path, lang: str) -> Iterator[str]:
    """Two experts write in copies of the first draft at once: both copies are merged, the section they both wrote is
    marked as a conflict and the coordinator settles it; the draft goes to the country, with everything else the round
    owes by e-mail; the country reviews, the panel answers in the review matrix; the country approves and consents to
    publication."""
    work, said = workspace.root / "examples", _said(workspace, round_id)
    round_lang = rounds.get(workspace, round_id).language
    copies = [write_panel_text(first, work / "borrador-carolina.docx", {"summary": said.panel_summary, "conclusions": None},
                               said.panel_default, CAROLINA),
              write_panel_text(first, work / "borrador-luis.docx", {"summary": said.luis_summary, "conclusions": said.luis_conclusions},
                               None, LUIS)]
    for copy in copies:
        yield from _drop(workspace, copy, lang)
    yield translate(m.DEMO_OUTPUT, lang, what=translate(m.DEMO_COMPARE, lang), path=str(compare(workspace, round_id, 1, 3).path))
    yield from _drop(workspace, settle_conflicts(_current_draft(workspace, round_id) or first, work / "borrador-coordinacion.docx",
                                                 COORDINATOR), lang)
    yield _move(workspace, round_id, Stage.COUNTRY_REVIEW, lang)
    for mail in write_mail(workspace, round_id).written:
        yield translate(m.DEMO_OUTPUT, lang, what=translate(m.DEMO_MAIL, lang), path=str(mail.path))
    yield from _drop(workspace, review_by_country(
        _current_draft(workspace, round_id) or first, work / "borrador-revision-pais.docx", "summary",
        said.country_insertion, said.country_comment, COUNTRY), lang)
    review = write_review(workspace, round_id, round_lang).path
    yield translate(m.DEMO_OUTPUT, lang, what=translate(m.DEMO_REVIEW, lang), path=str(review))
    say = lambda decision: translate(m.REVIEW_DECISIONS[decision], round_lang)  # noqa: E731
    yield from _drop(workspace, answer_matrix(review, work / "matriz-respondida.xlsx", {
        said.country_insertion.strip()[:12]: (say("accepted"), said.accepted_response),
        said.country_comment[:12]: (say("rejected"), said.rejected_response)}), lang)
    yield from _refused(workspace, round_id, lang)
    yield from _drop(workspace, resolve_everything(_current_draft(workspace, round_id) or first, work / "borrador-acordado.docx",
                                                   COORDINATOR), lang)
    today = dt.date.today()
    approved = approve(workspace, round_id, COUNTRY, today, ConsentChoice(PublicationScope.FULL, answers=True))
    yield "  " + translate(m.REPORT_APPROVED, lang, round=round_id, version=approved.version, by=COUNTRY, date=today)
    yield "  " + translate(m.CONSENT_RECORDED, lang, round=round_id, consent=describe(consent_of(workspace, round_id), lang))
    yield _move(workspace, round_id, Stage.APPROVED, lang)
    final = write_final(workspace, round_id)
    yield translate(m.DEMO_OUTPUT, lang, what=translate(m.DEMO_FINAL, lang), path=str(final.docx))
    if final.pdf is not None:
        yield translate(m.DEMO_OUTPUT, lang, what="PDF", path=str(final.pdf))
    else:
        yield "  " + translate(final.pdf_problem or m.REPORT_NO_LIBREOFFICE, lang)
    yield _move(workspace, round_id, Stage.PUBLISHED, lang)


def _after_publication(workspace: Workspace, round_id: str, lang: str) -> Iterator[str]:
    """Step 7 and after: the country reports on two recommendations; the seminar compendium and the register."""

    followup = emit_followup(workspace, round_id)
    yield translate(m.DEMO_OUTPUT, lang, what=translate(m.DEMO_FOLLOWUP, lang), path=str(followup))
    ids = sorted(recommendations.ids(workspace.ledger, round_id).values())
    said, round_lang = _said(workspace, round_id), rounds.get(workspace, round_id).language
    answers = {"resp_name": said.respondent[0], "resp_position": said.respondent[1]}
    for n, rec in enumerate(ids):
        base = question_base(rec)
        status = (FollowupStatus.IN_PROGRESS, FollowupStatus.IMPLEMENTED, FollowupStatus.NOT_STARTED)[n % 3]
        answers[f"q_{base}_status"] = translate(FOLLOWUP_STATUSES[status], round_lang)
        if status is not FollowupStatus.NOT_STARTED:
            answers[f"q_{base}_actions"] = said.followup_actions
            answers[f"q_{base}_evidence"] = said.followup_evidence
    fill(followup, answers, workspace.inbox / "seguimiento-peru.xlsx")
    for outcome in run_once(workspace, REGISTRY, settle=0.0, workers=1, lang=lang):
        yield "  " + outcome.render(lang)
    seminar = write_seminar(workspace, dt.date.today().year, lang=round_lang).path
    yield translate(m.DEMO_OUTPUT, lang, what=translate(m.DEMO_SEMINAR, lang), path=str(seminar))
    yield translate(m.DEMO_OUTPUT, lang, what=translate(m.DEMO_REGISTER, lang),
                    path=str(write_register(workspace, lang=round_lang).path))
