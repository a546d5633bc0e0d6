"""A round's life: its moves, its edits, its panel's rules and its dates."""
from pipeline.i18n.translation import N_, NP_

# Stages and moves
UNKNOWN_STAGE = N_("'{stage}' is not a stage of a round; the stages are: {stages}.")
MOVE_NEEDS_REASON = N_("Say why the round {round} goes to '{target}': add --reason followed by the reason in quotes.")
MOVE_BACK_QUESTIONNAIRES_OUT = NP_("The round {round} cannot go back to '{target}': {count} questionnaire has already gone out.",
                                   "The round {round} cannot go back to '{target}': {count} questionnaires have already gone out.")
MOVE_BACK_NOTES_RECEIVED = N_("The round {round} cannot go back to '{target}': the panel's interview notes have started to come back.")
MOVE_BACK_VISIT_BEGUN = N_("The round {round} cannot go back to '{target}': the panel's visit began on {date}.")
MOVE_NEEDS_DRAFT = N_("The round {round} has no draft for the country to review yet; write one with mecigep report draft {round}.")
MOVE_NEEDS_APPROVAL = N_("The country's approval of the current draft (version {version}) of {round} is not recorded; record it with mecigep report approve {round} --by NAME.")
MOVE_NEEDS_FINAL = N_("The final report of {round} is not written from its approved draft yet; write it with mecigep report final {round}.")
STAGE_MOVED_BACK = N_("Round {round}: back from {previous} to {stage}.")
QUESTIONNAIRE_NOT_OPEN = N_("The questionnaire of {round} is not open yet (the round is {stage}); open it with: mecigep round move {round} \"{target}\"")
INTERVIEWS_NOT_YET = N_("Interview guides and notes workbooks are written once {round} is at its interviews (it is {stage}); move it with: mecigep round move {round} \"{target}\"")
DRAFT_NOT_YET = N_("A draft of {round} is written once the round is at drafting (it is {stage}); move it with: mecigep round move {round} \"{target}\"")
APPROVE_NOT_YET = N_("The country approves a draft it has under review, and {round} is {stage}; send it for review with: mecigep round move {round} \"{target}\"")
FINAL_NOT_YET = N_("The final report of {round} is made once the round is approved (it is {stage}); move it with: mecigep round move {round} \"{target}\"")
EMIT_NO_COORDINATOR = N_("The questionnaires of {round} name the DGPE coordinator as the officials' contact, and the panel has none yet; set one with mecigep round panel coordinator {round} --name NAME --email EMAIL.")
EMIT_NO_DEADLINE = N_("The questionnaires of {round} give the officials a return deadline, and the round has none yet; set it with mecigep round edit {round} --deadline YYYY-MM-DD.")
CONS_NO_RETURNS = NP_("No questionnaire of {round} has come back yet ({expected} expected), so the consolidated workbook would be empty; add --allow-empty to write it anyway.",
                      "No questionnaire of {round} has come back yet ({expected} expected), so the consolidated workbook would be empty; add --allow-empty to write it anyway.",
                      number="expected")
GUIDES_NO_RETURNS = NP_("No questionnaire of {round} has come back yet ({expected} expected), so the interview guides would have no answers; add --allow-empty to write them anyway.",
                        "No questionnaire of {round} has come back yet ({expected} expected), so the interview guides would have no answers; add --allow-empty to write them anyway.",
                        number="expected")

# Editing a round
ROUND_EDIT_NOTHING = N_("Say what to change in {round}: mecigep round edit --help lists the options.")
ROUND_EDITED = N_("Round {round}: {changes}.")
ROUND_EDIT_UNCHANGED = N_("Round {round}: nothing changed, the values given are those it has.")
ROUND_CHANGE = N_("{field} {before} → {after}")
INSTITUTION_ADDED = NP_("Round {round}: {institution} added ({count} institution).", "Round {round}: {institution} added ({count} institutions).")
INSTITUTION_ADDED_EMITTED = N_("Round {round}: {institution} added; its questionnaire is {path}.")
INSTITUTION_REMOVED = NP_("Round {round}: {institution} removed ({count} institution).", "Round {round}: {institution} removed ({count} institutions).")
INSTITUTION_ADD_CLOSED = N_("Institutions are added while a round is requested or has its questionnaire open; {round} is {stage}.")
INSTITUTION_HAS_ANSWERED = NP_("{institution} has already sent {count} questionnaire in {round}; its answers are part of the round, so it stays.",
                               "{institution} has already sent {count} questionnaires in {round}; its answers are part of the round, so it stays.")
INSTITUTION_NO_NAME = N_("Give the name of the institution {institution}.")
BAD_INSTITUTION_OPTION = N_("'{value}' given to --institution is not Name|ACRONYM|e-mail; write it as, e.g., \"Ministerio de Economía y Finanzas|MEF|mef@example.pe\" (its own language may follow: |en).")
BAD_DATE_OPTION = N_("'{value}' given to {option} is not a date; write it as year-month-day, e.g. 2026-05-15.")
CHANGES_SINCE = N_("Changed since documents went out:")
CHANGE_SINCE = NP_("{field}: {before} → {after} on {date}; {count} document issued before says {before}.",
                   "{field}: {before} → {after} on {date}; {count} documents issued before say {before}.")
FIELD_NAMES = {
    "contact_name": N_("contact person"),
    "contact_email": N_("contact's e-mail"),
    "contact_position": N_("contact's position"),
    "language": N_("working language"),
    "institution": N_("institutions"),
    "coordinator": N_("coordinator"),
}

# Panel
PANEL_TWICE = N_("{name} ({email}) is on the panel twice; a person sits on a panel once.")
PANEL_SAME_STATE = N_("{names} come from the same member state, {state}; each expert must come from a different one.")
PANEL_NOT_PARTICIPATING = N_("{name} is from {state}, which does not participate in the mechanism at present; experts come from participating member states.")
PANEL_UNKNOWN_STATE = N_("{name}: '{state}' is not an OAS member state; use its ISO 3166 alpha-3 code, e.g. CHL, MEX, BRA.")
PANEL_NO_NAME = N_("The expert with e-mail {email} has no name; give the expert's full name.")
PANEL_NO_EMAIL = N_("Give the e-mail of {name}.")
PANEL_BAD_EMAIL = N_("The e-mail of {name}, '{email}', is not an e-mail address.")
PANEL_NO_INSTITUTION = N_("State the institution where {name} works.")
COORDINATOR_NO_NAME = N_("The DGPE coordinator ({email}) needs a name.")
COORDINATOR_BAD_EMAIL = N_("The e-mail of the coordinator {name}, '{email}', is not an e-mail address.")
COORDINATOR_ON_PANEL = N_("{name} ({email}) cannot be both an expert of the panel and its DGPE coordinator.")

# Dates
APPROVAL_IN_FUTURE = N_("The approval date {date} is in the future; give the day the country approved the draft (today at the latest).")
APPROVAL_BEFORE_DRAFT = N_("The approval date {date} comes before draft version {version} was written ({written}); the country approves a draft that exists.")
PUBLICATION_BEFORE_APPROVAL = N_("The publication date {date} comes before the approval ({approved}); a report is published once it is approved.")
REPORT_APPROVAL_RECORDED = N_("The round stays under country review until it is moved: mecigep round move {round} \"{target}\"")
REPORT_FINAL_NEXT = N_("The round is published when it is moved: mecigep round move {round} \"{target}\"")

# Command line help of these commands
HELP_ROUND_EDIT = N_("Change a round's contact, dates or working language; documents already issued keep what they said.")
HELP_ROUND_INSTITUTION = N_("Add or remove an institution expected to answer.")
HELP_INSTITUTION_ADD = N_("Add an institution; once the questionnaires are out, its own is emitted at once.")
HELP_INSTITUTION_REMOVE = N_("Remove an institution that has not answered.")
HELP_REASON = N_("Why the round moves (required to go back a step or to withdraw it).")
HELP_STAGE = N_("The stage to move to, by its id or its name in any language (e.g. interviews, entrevistas).")
HELP_OPT_FROM = N_("A filled round request form (.xlsx).")
HELP_OPT_COUNTRY = N_("The beneficiary state, by its ISO 3166 alpha-3 code (e.g. PER).")
HELP_OPT_TOPIC = N_("The topic's id (mecigep catalog topics lists them).")
HELP_OPT_INSTITUTIONS = N_("An institution as Name|ACRONYM|e-mail, optionally |language; repeat the option for each.")
HELP_OPT_REQUESTED = N_("Date of the request, YYYY-MM-DD (default: today).")
HELP_OPT_DEADLINE = N_("Questionnaire deadline, YYYY-MM-DD.")
HELP_OPT_VISIT_START = N_("First day of the panel's visit, YYYY-MM-DD.")
HELP_OPT_VISIT_END = N_("Last day of the panel's visit, YYYY-MM-DD.")
HELP_OPT_REPORT_DUE = N_("Date the report is expected, YYYY-MM-DD.")
HELP_OPT_WORKING_LANGUAGE = N_("The round's working language, in which its documents are made: es, en, pt or fr.")
HELP_OPT_LANGUAGE = N_("Its own language, when it is not the round's working language: es, en, pt or fr.")
HELP_OPT_CONTACT_NAME = N_("Name of the country's contact person.")
HELP_OPT_CONTACT_EMAIL = N_("E-mail of the country's contact person.")
HELP_OPT_CONTACT_POSITION = N_("Position of the country's contact person.")
HELP_OPT_NAME = N_("Full name.")
HELP_OPT_EMAIL = N_("E-mail address.")
HELP_OPT_ACRONYM = N_("Acronym (it becomes the institution's id).")
HELP_OPT_STATE = N_("Member state, by its ISO 3166 alpha-3 code (e.g. CHL).")
HELP_OPT_EXPERT_INSTITUTION = N_("The institution where the expert works.")
HELP_OPT_EXPERIENCE = N_("The expert's experience in the topic.")
HELP_OPT_OUTPUT = N_("Where to write the file.")
HELP_OPT_ALLOW_EMPTY = N_("Write it even though no questionnaire has come back yet.")
HELP_OPT_PUBLISHED = N_("Date of publication, YYYY-MM-DD (default: today; not before the approval).")
HELP_ROUND_ARG = N_("The round's id, e.g. 2026-PER-planning.")
HELP_OPT_PARTICIPATING = N_("Whether the state participates (--yes) or not (--no).")
HELP_OPT_TOPIC_ID = N_("The new topic's id: lower-case letters, digits and underscores.")
HELP_OPT_TOPIC_NAME = N_("The topic's name in that language.")
HELP_OPT_STATE_CODE = N_("The state's ISO 3166 alpha-3 code.")
HELP_OPT_DOCUMENT_LANGUAGE = N_("Language of the document: es, en, pt or fr (default: es).")
