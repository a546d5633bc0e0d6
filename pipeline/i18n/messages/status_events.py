"""Messages: the status page's recent events, each a sentence (``stages/status_events.py`` fills them in)."""
from pipeline.i18n.messages.counts import COUNT_ANSWERS, COUNT_RECOMMENDATIONS, COUNT_ROWS
from pipeline.i18n.translation import N_, NP_

COUNT_INSTITUTIONS = NP_("{count} institution", "{count} institutions")
COUNT_POINTS_TO_RAISE = NP_("{count} point to raise", "{count} points to raise")
COUNT_TO_CORRECT = NP_("{count} to correct", "{count} to correct")
COUNT_OBSERVATIONS_ANSWERED = NP_("{count} observation answered", "{count} observations answered")

EVENT_SENTENCES = {
    "round.opened": N_("Round opened: {country}, {topic}."),
    "round.stage": N_("The round moved from “{before}” to “{after}”."),
    "round.edited": N_("The round's details were edited."),
    "round.institution_added": N_("Institution {institution} added to the round."),
    "round.institution_removed": N_("Institution {institution} removed from the round."),
    "round.consolidated": N_("Consolidated workbook written: returns from {received} of {total}; {gaps}.", total=COUNT_INSTITUTIONS,
                             gaps=COUNT_POINTS_TO_RAISE),
    "panel.expert_added": N_("{name} joined the panel."),
    "panel.expert_removed": N_("{name} left the panel."),
    "panel.coordinator": N_("DGPE coordinator: {name}."),
    "framework.pinned": N_("Framework “{framework}” (version {version}) fixed for the round."),
    "questionnaire.issued": N_("Questionnaire issued to {institution}."),
    "response.received": N_("{institution} returned its questionnaire: {answered} of {required}, {errors}.", required=COUNT_ANSWERS,
                            errors=COUNT_TO_CORRECT),
    "response.answered": N_("Answer sent to {institution}: {file}."),
    "response.corrected": N_("{by} corrected the answer of {institution} to question {question}: {before} → {after}."),
    "check.explained": N_("{by} marked a quality check explained: {note}"),
    "notes.issued": N_("Interview notes workbook issued to {expert}."),
    "notes.received": N_("{expert} returned interview notes: {rows}, {errors}.", rows=COUNT_ROWS, errors=COUNT_TO_CORRECT),
    "notes.answered": N_("Answer sent to {expert}: {file}."),
    "interviews.guides": N_("Interview guides written for {institutions}."),
    "draft.generated": N_("Draft report version {version} written: {file}."),
    "draft.returned": N_("Edited draft received and merged as version {version}: {file}."),
    "draft.answered": N_("Receipt sent for the draft that became version {version}."),
    "review.received": N_("The government's review matrix returned: {answers}, {errors}.", answers=COUNT_OBSERVATIONS_ANSWERED,
                          errors=COUNT_TO_CORRECT),
    "review.answered": N_("Answer sent on the review matrix: {file}."),
    "report.approved": N_("Draft version {version} approved by {by} on {date}."),
    "report.consent": N_("Consent to publish recorded: {consent}."),
    "report.final": N_("Final report written from draft version {version}, published on {date}."),
    "report.published": N_("Final report published on {date}."),
    "followup.issued": N_("Follow-up workbook issued ({recommendations}).", recommendations=COUNT_RECOMMENDATIONS),
    "followup.received": N_("The follow-up returned: {answered}, {errors}.", answered=COUNT_ANSWERS, errors=COUNT_TO_CORRECT),
    "followup.answered": N_("Answer sent on the follow-up: {file}."),
    "mail.drafted": N_("E-mail ready for {to}: {what}."),
    "mail.sent": N_("E-mail sent to {to}."),
    "document.quarantined": N_("{file} set aside in quarantine: {reason}"),
    "document.duplicate": N_("{file} had already arrived (as {first}); kept once."),
    "catalog.topic": N_("Topic added to the catalogue: {name}."),
    "catalog.state": N_("Member state recorded in the catalogue: {name}."),
    "settings.changed": N_("Workspace setting changed: {key} = {value}."),
}
EVENT_OTHER = N_("Another change was recorded in the ledger.")
EVENT_NONE = N_("none")
LABEL_NOT_SENT = N_("Not sent yet")
