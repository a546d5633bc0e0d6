"""Messages: report."""
from pipeline.i18n.messages.terms import (
    TERM_ANALYTICAL_FRAMEWORK,
    TERM_BENEFICIARY_STATE,
    TERM_DATE_OF_PUBLICATION,
    TERM_FINAL_REPORT,
    TERM_NOT_RECEIVED,
    TERM_POSITION,
    TERM_ROUND,
    TERM_TOPIC,
    TERM_WORKING_LANGUAGE,
)
from pipeline.i18n.translation import N_, NP_

REPORT_DRAFT_MARK = N_("DRAFT")
REPORT_CONFIDENTIAL_MARK = N_("Draft — confidential")
REPORT_OBSERVATIONS_HEADING = N_("Annex C. Observations of the government of {country}")
REPORT_OBSERVATIONS_TEXT = N_("The observations the government of the beneficiary state made on the preliminary report that the panel did not accept, quoted exactly as they were written, with the panel's response. The government did not withdraw them.")
REPORT_OBSERVATION_WHERE = N_("{kind} — {section}")
REPORT_OBSERVATION_ON = N_("{kind} — {section}, on “{quote}”")
REPORT_OBSERVATION_WHO = N_("{author}, {date}")
REPORT_OBSERVATION_RESPONSE = N_("{decision}: {response}")
# The seven steps of the mechanism, in the reference document's order (domain.stages.Step gives their numbers).
REPORT_STEPS = (
    (N_("Request."), N_("The beneficiary state asks the DGPE for a review of a topic and names the institutions concerned.")),
    (N_("Self-assessment."), N_("The DGPE prepares the questionnaire of the analytical framework; each institution answers it, rating its practices on a maturity scale from 0 to 4 and citing its evidence.")),
    (N_("Panel."), N_("The beneficiary state chooses a panel of up to three peer experts, officials of three other member states with experience in the topic; a DGPE expert coordinates it and acts as its secretariat.")),
    (N_("Visit and interviews."), N_("The panel visits the country and interviews each institution to check the self-assessment against practice and evidence.")),
    (N_("Preliminary report and approval."), N_("The panel writes this report (findings, cooperation needs, reform and innovation challenges, and recommendations); the beneficiary state reviews it, and the panel and the state agree on the text the state approves.")),
    (N_("Publication."), N_("The OAS publishes the final report, and the DGPE follows up on the cooperation it calls for.")),
    (N_("Annual seminar."), N_("Once a year the DGPE holds a seminar on the experiences of the mechanism, drawing on the rounds published.")),
)
REPORT_PRELIMINARY = N_("Preliminary report — draft version {version}")
REPORT_FINAL = TERM_FINAL_REPORT
REPORT_PANEL_TEXT = N_("Panel text: {what}")
REPORT_PANEL_SUMMARY = N_("the executive summary — the main findings, needs and recommendations, in one or two pages.")
REPORT_PANEL_FINDINGS = N_("the panel's findings on “{dimension}”, in the light of the scores above and of the interviews.")
REPORT_PANEL_CONCLUSIONS = N_("the panel's conclusions.")
REPORT_PANEL_HEADING = N_("The panel's findings on “{dimension}”")
REPORT_SCOPE = NP_("On {date}, {country} asked the Department for Effective Public Management (DGPE) of the General Secretariat of the OAS for a review of {topic} under MECIGEP. The review covers {count} institution and is based on the framework “{framework}”.",
                   "On {date}, {country} asked the Department for Effective Public Management (DGPE) of the General Secretariat of the OAS for a review of {topic} under MECIGEP. The review covers {count} institutions and is based on the framework “{framework}”.")
REPORT_SCOPE_ROWS = {"round": TERM_ROUND, "country": TERM_BENEFICIARY_STATE, "topic": TERM_TOPIC, "framework": TERM_ANALYTICAL_FRAMEWORK,
                     "language": TERM_WORKING_LANGUAGE, "contact": N_("Contact of the beneficiary state")}
REPORT_FRAMEWORK = N_("{title}, version {version}")
REPORT_STAGE = N_("Stage of the round when this document was produced: {stage}.")
REPORT_TO_BE_SET = N_("To be set")
REPORT_NOTES_ROWS = NP_("{count} row of notes", "{count} rows of notes")
REPORT_NOTES_RECEIVED = N_("notes received on {date}")
REPORT_PDF_NO_PAGES = N_("The PDF was made, but its table of contents has no page numbers: LibreOffice's Python bridge (python3-uno) is not installed to update it; install it and run the command again.")
REPORT_NO_NOTES = N_("No notes received")
REPORT_RECEIVED_ON = N_("Received on {date}")
REPORT_NOT_RECEIVED = TERM_NOT_RECEIVED
REPORT_DATES = {"requested": N_("Request"), "questionnaire_deadline": N_("Questionnaire deadline"), "visit": N_("Visit of the panel"),
                "report_due": N_("Report due")}
REPORT_VISIT_DATES = N_("From {start} to {end}")
REPORT_MISSING = N_("These institutions have not sent their questionnaire and have no score: {names}.")
REPORT_OVERVIEW_TITLE = N_("Self-assessed scores by dimension and institution")
REPORT_DIMENSION_TITLE = N_("{dimension}: self-assessed score by institution")
REPORT_DIMENSION_CAPTION = N_("Scores of the institutions in “{dimension}” on the scale from 0 to 4; an institution without a score did not answer.")
REPORT_MEAN = NP_("Mean of the {count} institution with a score", "Mean of the {count} institutions with a score")
REPORT_SCORED = N_("{scored} of {total}")
REPORT_ELEMENT_SCORE = N_("Self-assessed score of the element (mean of the institutions): {score}")
REPORT_NOT_ASSESSED = N_("Not assessed")
REPORT_USED = {"finding": N_("finding"), "need": N_("need"), "challenge": N_("challenge")}
REPORT_APPROVAL_ROWS = {"approved_by": N_("Approved by"), "position": TERM_POSITION, "date": N_("Date of approval"),
                        "reference": N_("Reference"), "version": N_("Draft approved"), "consent": N_("Consent to publish")}
REPORT_DRAFT_VERSION = N_("Draft version {version}")
REPORT_PUBLISHER = N_("General Secretariat of the Organization of American States — Department for Effective Public Management (DGPE)")
REPORT_PUBLICATION_ROWS = {"publisher": N_("Publisher"), "published": TERM_DATE_OF_PUBLICATION, "round": TERM_ROUND,
                           "language": N_("Language"), "sources": N_("Sources")}
REPORT_SOURCES = NP_("{count} file (questionnaire or interview notes), identified by its SHA-256 in the document's properties",
                     "{count} files (questionnaires and interview notes), identified by their SHA-256 in the document's properties")
REPORT_COVER_ROWS = {"round": TERM_ROUND, "approved": N_("Approved on"), "consent": N_("Consent to publish")}
REPORT_ANNEX_RECEIVED = N_("Questionnaire received on {date}; SHA-256 of the file {sha256}.")
REPORT_ANNEX_MISSING = N_("The institution has not sent its questionnaire.")

PANEL_PLACEHOLDER_LEFT = N_('Under "{section}", "{text}" still waits for the panel\'s text')
PANEL_HEADER_OR_FOOTER = N_("page header or footer")
PANEL_DOCUMENT_START = N_("beginning of the document")
