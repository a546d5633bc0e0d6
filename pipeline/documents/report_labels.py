"""The wording of the report's template (``templates_docx/report_draft.docx``): every label it shows, as msgids.

The seminar compendium reuses some of them (``documents/seminar.py``).
"""
from __future__ import annotations

from pipeline.i18n.messages.notes import NOTES_PRIORITY_MEANING
from pipeline.i18n.messages.report import REPORT_CONFIDENTIAL_MARK, REPORT_DRAFT_MARK, REPORT_OBSERVATIONS_TEXT
from pipeline.i18n.translation import N_

REPORT_LABELS = {
    "organisation": N_("Organization of American States"), "department": N_("Department for Effective Public Management (DGPE)"),
    "mechanism": N_("Inter-American Cooperation Mechanism for Effective Public Management"), "draft_mark": REPORT_DRAFT_MARK,
    "draft_notice": N_("Draft for discussion between the panel and the beneficiary state: not for citation or distribution."),
    "contents": N_("Contents"),
    "summary": N_("Executive summary"), "h_scope": N_("1. The request and the scope of the review"), "h_method": N_("2. Methodology"),
    "h_steps": N_("2.1 The seven steps of MECIGEP"), "h_panel": N_("2.2 The panel of peer experts"),
    "h_institutions": N_("2.3 The institutions reviewed"), "h_dates": N_("2.4 Dates of the review"),
    "h_results": N_("3. Results of the self-assessment"), "h_findings": N_("4. Findings of the interviews"),
    "h_needs": N_("5. Cooperation needs"), "h_challenges": N_("6. Reform and innovation challenges"),
    "h_recommendations": N_("7. Recommendations"), "h_conclusions": N_("8. Conclusions"),
    "h_approval": N_("Approval and publication"), "h_approval_record": N_("Approval record"), "h_publication": N_("Publication"),
    "h_annex_answers": N_("Annex A. The institutions' answers"), "h_annex_notes": N_("Annex B. The interview notes"),
    "item": N_("Item"), "detail": N_("Details"), "expert": N_("Expert"), "member_state": N_("Member state"),
    "institution": N_("Institution"), "notes_column": N_("Interview notes"), "coordinator": N_("DGPE coordinator"),
    "acronym": N_("Acronym"), "questionnaire": N_("Questionnaire"), "overall": N_("Overall score"), "milestone": N_("Milestone"),
    "date": N_("Date"), "score": N_("Score (0–4)"), "scored": N_("Questions scored"), "no": N_("No."), "text": N_("Text"),
    "concerns": N_("Institution, element, source"), "id": N_("Id"), "recommendation": N_("Recommendation"),
    "priority": N_("Priority"), "question": N_("Question"), "answer": N_("Answer"), "evidence": N_("Evidence / comments"),
    "trace": N_("Reference"), "element": N_("Institution and element"), "questions": N_("Questions"), "used_for": N_("Used for"),
    "no_findings": N_("No interview notes with findings have been received yet."),
    "no_needs": N_("No cooperation need has been recorded yet."), "no_challenges": N_("No challenge has been recorded yet."),
    "no_recommendations": N_("No recommendation has been recorded yet."),
    "method": N_("MECIGEP is a peer review: a panel of experts from other member states examines with the institutions of the beneficiary state how a topic of its public management works in practice, and proposes cooperation and improvements. A review runs in seven steps."),
    "overview_caption": N_("Scores on the maturity scale from 0 to 4, by dimension, of each institution that answered."),
    "findings_text": N_("For each element of the framework, what the experts found in the interviews, with their assessment of what the institution stated and the expert who recorded it. The reference after each (the expert's member state, the institution and the element's number) leads to annex B."),
    "needs_text": N_("What the institutions need from cooperation, as the experts recorded it in the interviews."),
    "challenges_text": N_("The reforms and innovations ahead, as the experts recorded them, institution by institution."),
    "recommendations_text": N_("The panel's recommendations. Each keeps its identifier from one version of the report to the next."),
    "priority_meaning": NOTES_PRIORITY_MEANING,
    "approval_text": N_("The beneficiary state approved this report, and the OAS published it, as recorded below."),
    "annex_text": N_("Every answer of each institution's questionnaire, with its evidence, by question number (4.3 is the third question of dimension 4); annex B names the questions each interview note concerns."),
    "confidential_mark": REPORT_CONFIDENTIAL_MARK, "observations_text": REPORT_OBSERVATIONS_TEXT,
    "observation_where": N_("Where, by whom"), "observation": N_("Observation (verbatim)"), "observation_response": N_("Panel's response"),
    "notes_text": N_("The interview notes the report draws on, one line per expert, institution and element: the reference cited in sections 4 to 7, the expert's notes file, the questions concerned and what the note was used for."),
}
