"""Step 2: the self-assessment questionnaire of each institution, emitted and recorded as issued."""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Callable

from pipeline.domain.models import Institution, Round, Stage
from pipeline.domain.problems import Problem, UserError, raise_if_errors
from pipeline.i18n import messages as m
from pipeline.i18n.translation import normalise_language
from pipeline.ledger.workspace import Workspace
from pipeline.stages import rounds
from pipeline.stages.frameworks import pinned
from pipeline.workbooks.questionnaire import Cover, Identity, write_questionnaire

OPEN_STAGES = (Stage.QUESTIONNAIRE_OPEN,)


def cover(workspace: Workspace, round_: Round, institution: Institution, lang: str) -> Cover:
    """What a questionnaire's instructions say of its round: the officials' contact is the DGPE coordinator."""
    coordinator = round_.panel.coordinator
    contact = f"{coordinator.name} <{coordinator.email}>" if coordinator else "—"
    return Cover(
        topic=workspace.catalog.topic(round_.topic).name(lang),
        country=workspace.catalog.state(round_.country).name(lang),
        institution=f"{institution.name} ({institution.acronym})",
        deadline=round_.calendar.questionnaire_deadline,
        contact=contact,
    )


def emit(
    workspace: Workspace,
    round_id: str,
    institution_ids: list[str] | None = None,
    lang: str | None = None,
    on_written: Callable[[Institution, Path], None] | None = None,
) -> list[Path]:
    """Writes one questionnaire per institution (all when ``institution_ids`` is None) into outbox/<round>/.

    Each is in its institution's own language, else the round's working language (``lang`` forces one). Needs the
    round's questionnaire open, its coordinator (the officials' contact) and its deadline. Pins the framework
    version and records each questionnaire as issued. Returns the files written."""
    round_ = rounds.get(workspace, round_id)
    if round_.stage is Stage.REQUESTED:
        rounds.needs_stage(round_, OPEN_STAGES, m.QUESTIONNAIRE_NOT_OPEN)
    if round_.stage not in OPEN_STAGES:
        raise UserError(m.QUESTIONNAIRE_ROUND_CLOSED, round=round_.id, stage=m.STAGE_NAMES[round_.stage.value])
    missing = []
    if round_.panel.coordinator is None:
        missing.append(Problem(m.EMIT_NO_COORDINATOR, {"round": round_.id}))
    if round_.calendar.questionnaire_deadline is None:
        missing.append(Problem(m.EMIT_NO_DEADLINE, {"round": round_.id}))
    raise_if_errors(missing)
    if institution_ids is None:
        targets = list(round_.institutions)
    else:
        targets = []
        for ref in institution_ids:
            found = round_.institution(ref)
            if found is None:
                raise UserError(m.UNKNOWN_INSTITUTION, round=round_.id, institution=ref)
            targets.append(found)
    round_, framework = pinned(workspace, round_)
    folder = workspace.round_outbox(round_.id)
    today = dt.date.today().isoformat()
    written = []
    for institution in targets:
        language = normalise_language(lang or round_.language_of(institution))
        issued_before = len(workspace.ledger.questionnaires(round_.id, institution.id))
        number = issued_before + 1
        identity = Identity(
            questionnaire_id=f"{round_.id}.{institution.id}.{number}",
            round_id=round_.id,
            institution_id=institution.id,
            framework_id=framework.id,
            framework_version=framework.version,
            language=language,
            structure_hash=framework.structure_hash,
            issued=today,
        )
        path = folder / f"{round_.id}-{institution.id}-{language}-{number}.xlsx"
        write_questionnaire(path, framework, identity, cover(workspace, round_, institution, language))
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        with workspace.ledger.transaction():
            workspace.ledger.record_questionnaire(
                {"id": identity.questionnaire_id, "round": round_.id, "institution": institution.id,
                 "framework_id": framework.id, "framework_version": framework.version,
                 "structure_hash": framework.structure_hash, "language": language, "file": path.name,
                 "sha256": digest, "issued": today}
            )
            workspace.ledger.record("questionnaire.issued", round_.id, {"institution": institution.id, "questionnaire": identity.questionnaire_id},
                                    [{"role": "questionnaire", "name": path.name, "sha256": digest}])
        written.append(path)
        if on_written:
            on_written(institution, path)
    return written

