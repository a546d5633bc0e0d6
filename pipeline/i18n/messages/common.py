"""Every user-facing message, in one catalogue.

Each is an English msgid translated through ``locale/<lang>/LC_MESSAGES/mecigep.po``;
placeholders are ``str.format`` fields. Tests compare errors with these constants.
"""
from pipeline.i18n.messages.counts import (
    COUNT_COMMENTS,
    COUNT_DIMENSIONS,
    COUNT_INTERVIEW_GUIDES,
    COUNT_NOTES_WORKBOOKS,
    COUNT_PANEL_SECTIONS_KEPT,
    COUNT_QUESTIONS,
    COUNT_SET_APART,
    COUNT_TRACKED_CHANGES,
)
from pipeline.i18n.messages.terms import (
    TERM_ANALYTICAL_FRAMEWORK,
    TERM_ANSWER,
    TERM_ANSWERED,
    TERM_BENEFICIARY_STATE,
    TERM_COUNTRY,
    TERM_DETAILS,
    TERM_DIMENSION,
    TERM_DOES_NOT_APPLY,
    TERM_ELEMENT,
    TERM_EVIDENCE_COMMENTS,
    TERM_EVIDENCE_MISSING,
    TERM_ID,
    TERM_INSTITUTION,
    TERM_NAME,
    TERM_PANEL,
    TERM_POSITION,
    TERM_QUESTION,
    TERM_RECOMMENDATIONS,
    TERM_ROUND,
    TERM_STATUS,
    TERM_TOPIC,
    TERM_WORKING_LANGUAGE,
    TERM_YES,
)
from pipeline.i18n.translation import N_, NP_

# Where a problem is
WHERE_FILE = N_("file {file}")
WHERE_SHEET = N_("sheet {sheet}")
WHERE_CELL = N_("cell {cell}")
WHERE_ROW = N_("row {row}")
WHERE_COLUMN = N_("column {column}")

# Workspace and ledger
NOT_A_WORKSPACE = N_("{path} is not a MECIGEP workspace; create one with: mecigep init {path}")
WORKSPACE_CREATED = N_("Workspace ready in {path}.")
LEDGER_INTACT = NP_("The ledger is intact: {count} event, chain verified.", "The ledger is intact: {count} events, chain verified.")
LEDGER_BROKEN = N_("The ledger's history was altered at event {seq}: {reason}.")
UNEXPECTED_FAILURE = N_("Unexpected failure; the details are in {log}.")

# Catalogs
UNKNOWN_COUNTRY = N_("'{country}' is not an OAS member state; use its ISO 3166 alpha-3 code, e.g. PER, BRA, CAN.")
COUNTRY_NOT_PARTICIPATING = N_("{country:The} does not participate in the mechanism at present.")
UNKNOWN_TOPIC = N_("'{topic}' is not a MECIGEP topic; see mecigep catalog topics, or add it with mecigep catalog topic add.")
TOPIC_EXISTS = N_("The topic '{topic}' already exists.")
BAD_TOPIC_ID = N_("A topic id uses lower-case letters, digits and underscores, starting with a letter; '{topic}' does not.")
UNKNOWN_LANGUAGE = N_("'{language}' is not a working language; use es, en, pt or fr.")

# Rounds
UNKNOWN_ROUND = N_("There is no round '{round}'; mecigep round list shows them.")
ROUND_EXISTS = N_("A round '{round}' already exists.")
ROUND_CREATED = N_("Round {round} opened ({stage}).")
NO_INSTITUTIONS = N_("A round needs at least one institution expected to answer.")
DUPLICATE_INSTITUTION = N_("The institution '{institution}' is listed twice.")
UNKNOWN_INSTITUTION = N_("The round {round} has no institution '{institution}'.")
BAD_EMAIL = N_("'{email}' is not an e-mail address.")
DATES_OUT_OF_ORDER = N_("The {later} ({later_date}) cannot come before the {earlier} ({earlier_date}).")
STAGE_MOVE_REFUSED = N_("A round cannot go from '{current}' to '{target}'; from '{current}' it can go to: {allowed}.")
STAGE_MOVED = N_("Round {round}: {previous} → {stage}.")
NOTHING_YET = N_("There are no rounds yet; open one with mecigep round new.")
CALENDAR_WRITTEN = N_("Calendar written to {path}.")

# Panel
PANEL_TOO_MANY = NP_("A panel has at most 3 experts; this one would have {count}.", "A panel has at most 3 experts; this one would have {count}.")
PANEL_FROM_BENEFICIARY = N_("Experts come from other member states; {name} is from {state}, the beneficiary.")
PANEL_NO_COORDINATOR = N_("The panel needs exactly one DGPE coordinator.")
PANEL_NO_EXPERIENCE = N_("State the experience of {name} in the topic.")
PANEL_UNKNOWN_EXPERT = N_("No expert with e-mail {email} is on the panel of {round}.")
PANEL_UPDATED = NP_("Panel of {round}: {count} expert, coordinator {coordinator}.", "Panel of {round}: {count} experts, coordinator {coordinator}.")

# Stage names, shown in tables
STAGE_NAMES = {
    "requested": N_("requested"),
    "questionnaire_open": N_("questionnaire open"),
    "interviews": N_("interviews"),
    "drafting": N_("drafting"),
    "country_review": N_("under country review"),
    "approved": N_("approved"),
    "published": N_("published"),
    "withdrawn": N_("withdrawn"),
}

DEADLINE_NAMES = {
    "requested": N_("request date"),
    "questionnaire_deadline": N_("questionnaire deadline"),
    "visit_start": N_("start of the visit"),
    "visit_end": N_("end of the visit"),
    "report_due": N_("report due"),
}

# Request workbook
REQUEST_NOT_XLSX = N_("The file is not an Excel workbook (.xlsx); it looks like {kind}. Save it from Excel or LibreOffice as .xlsx.")
REQUEST_MISSING_SHEET = N_("The sheet '{sheet}' is missing; use the request form as it was sent.")
REQUEST_NOT_A_REQUEST = N_("This workbook is not a MECIGEP round request form.")
REQUEST_MISSING_VALUE = N_("{field} is required.")
REQUEST_BAD_DATE = N_("'{value}' is not a date; type it as day/month/year.")
REQUEST_BAD_CHOICE = N_("'{value}' is not one of the options of the list.")
REQUEST_FORM_WRITTEN = N_("Request form written to {path}.")

# Table headers and labels
LABEL_ROUND = TERM_ROUND
LABEL_COUNTRY = TERM_COUNTRY
LABEL_TOPIC = TERM_TOPIC
LABEL_STAGE = N_("Stage")
LABEL_NEXT_DEADLINE = N_("Next deadline")
LABEL_DAYS = N_("Days")
LABEL_LANGUAGE = N_("Language")
LABEL_INSTITUTIONS = N_("Institutions")
LABEL_PANEL = TERM_PANEL
LABEL_COORDINATOR = N_("Coordinator")
LABEL_CALENDAR = N_("Calendar")
LABEL_FRAMEWORK = N_("Framework")
LABEL_NONE = N_("none")
LABEL_RETURNS = N_("Returned")
LABEL_NAME = TERM_NAME
LABEL_ACRONYM = N_("Acronym")
LABEL_EMAIL = N_("E-mail")
LABEL_STATE = N_("State")
LABEL_INSTITUTION = TERM_INSTITUTION
LABEL_EXPERIENCE = N_("Experience in the topic")
LABEL_POSITION = TERM_POSITION
LABEL_PARTICIPATING = N_("Participating")
LABEL_ID = TERM_ID
LABEL_CONTACT = N_("Contact")

# Request workbook: sheet names, labels and instructions
REQUEST_SHEET_INSTRUCTIONS = N_("Instructions")
REQUEST_SHEET_REQUEST = N_("Request")
REQUEST_SHEET_INSTITUTIONS = N_("Institutions")
REQUEST_SHEET_EXPERTS = N_("Proposed experts")
REQUEST_SHEET_LISTS = N_("Lists")
REQUEST_TITLE = N_("MECIGEP — Request for a review round")
REQUEST_INTRO = N_(
    "The beneficiary state fills in this form to ask the OAS Department for Effective Public Management (DGPE) "
    "for a peer-review round. Fill in the yellow cells of the sheets Request, Institutions and Proposed experts, "
    "save the file as .xlsx and send it back to DGPE. Up to three experts, each an official of a different "
    "member state other than yours, with experience in the topic."
)
REQUEST_ILLUSTRATIVE = N_("This form is an illustrative starting point for the participants to agree on.")
REQUEST_FIELD_COUNTRY = TERM_BENEFICIARY_STATE
REQUEST_FIELD_TOPIC = N_("Topic of the round")
REQUEST_FIELD_LANGUAGE = TERM_WORKING_LANGUAGE
REQUEST_FIELD_REQUESTED = N_("Date of the request")
REQUEST_FIELD_DEADLINE = N_("Proposed questionnaire deadline")
REQUEST_FIELD_VISIT_START = N_("Proposed start of the visit")
REQUEST_FIELD_VISIT_END = N_("Proposed end of the visit")
REQUEST_FIELD_REPORT_DUE = N_("Report expected by")
REQUEST_FIELD_CONTACT_NAME = N_("Contact person")
REQUEST_FIELD_CONTACT_POSITION = N_("Position of the contact person")
REQUEST_FIELD_CONTACT_EMAIL = N_("E-mail of the contact person")
REQUEST_DATE_PROMPT = N_("Type a date, e.g. 15/03/2026.")
REQUEST_LIST_PROMPT = N_("Choose from the list.")

# Command line help
HELP_APP = N_("MECIGEP document pipeline: review rounds, questionnaires, inbox, reports.")
HELP_WORKSPACE = N_("Workspace folder (default: MECIGEP_HOME or the current folder).")
HELP_LANG = N_("Language of the command line's messages: es, en, pt or fr (default: MECIGEP_LANG or es); documents keep their round's language.")
HELP_JSON = N_("Print JSON for scripts instead of a table.")
HELP_INIT = N_("Create a workspace: inbox, outbox, archive, quarantine and the ledger.")
HELP_VERIFY = N_("Prove the ledger whole and complete: its file, its hash chain (against the head kept beside it and in every receipt), its tables against its events, and the archive, quarantine and outbox against it.")
HELP_STATUS = N_("Every round at a glance: stage, next deadline, questionnaires returned.")
HELP_DEMO = N_("Build an example workspace with illustrative rounds.")
HELP_DEMO_ROUND_LANGUAGE = N_("Working language of the main round (Peru, planning), which its documents are in: es, en, pt or fr.")
HELP_ROUND = N_("Open and follow review rounds.")
HELP_ROUND_NEW = N_("Open a round, from options or from a filled request form (--from).")
HELP_ROUND_LIST = N_("List the rounds.")
HELP_ROUND_SHOW = N_("Show one round: institutions, panel, calendar.")
HELP_ROUND_MOVE = N_("Move a round to the next stage, one step back where the mechanism allows it, or out; the only way a round changes stage.")
HELP_ROUND_CALENDAR = N_("Write the round's dates as an iCalendar (.ics) file.")
HELP_ROUND_FORM = N_("Write a blank round request form for a country to fill.")
HELP_ROUND_EVENTS = N_("Show the ledger's events of a round.")
HELP_PANEL = N_("Manage the panel of a round.")
HELP_PANEL_ADD = N_("Add an expert to the panel.")
HELP_PANEL_REMOVE = N_("Remove an expert from the panel.")
HELP_PANEL_COORDINATOR = N_("Set the DGPE coordinator of the panel.")
HELP_CATALOG = N_("Member states and topics.")
HELP_CATALOG_STATES = N_("List the OAS member states.")
HELP_CATALOG_TOPICS = N_("List the topics.")
HELP_CATALOG_PARTICIPATION = N_("Change whether a state participates in the mechanism.")
HELP_CATALOG_TOPIC_ADD = N_("Add a topic.")
EVENTS_HEADER = N_("Event")
WHEN_HEADER = N_("When")
DETAILS_HEADER = TERM_DETAILS
PARTICIPATION_SET = N_("{state}: participating = {participating}.")
TOPIC_ADDED = N_("Topic {topic} added.")
DEMO_BUILT = NP_("Example workspace in {path}: {count} round. The data are illustrative.",
                 "Example workspace in {path}: {count} rounds. The data are illustrative.")
DEMO_OUTPUT = N_("  {what}: {path}")
DEMO_REQUEST_FORM = N_("filled request form")
HELP_ROUND_WITHDRAW = N_("Withdraw a round (at any stage before publication).")

# Questionnaire workbook
Q_SHEET_INSTRUCTIONS = N_("Instructions")
Q_SHEET_RESPONDENT = N_("Respondent")
Q_SHEET_SUMMARY = N_("Summary")
Q_SHEET_PROBLEMS = N_("To correct")
Q_TITLE = N_("MECIGEP — Self-assessment questionnaire: {topic}")
Q_ROUND = TERM_ROUND
Q_COUNTRY = TERM_BENEFICIARY_STATE
Q_INSTITUTION = TERM_INSTITUTION
Q_DEADLINE = N_("Please return it by")
Q_CONTACT = N_("DGPE contact")
Q_FRAMEWORK = TERM_ANALYTICAL_FRAMEWORK
Q_PURPOSE = N_(
    "This questionnaire is the self-assessment of step 2 of the Inter-American Cooperation Mechanism for Effective "
    "Public Management (MECIGEP). Your institution's answers, with the documents that support them, guide the "
    "bilateral interviews the panel of peer experts will hold with you and the report it will prepare with your country."
)
Q_HOW_TO_FILL = N_(
    "Answer in the yellow cells of each sheet: bright yellow while a required answer is still missing, pale yellow for an "
    "optional answer or its evidence. Choose answers from the lists; numbers and dates are checked as you type. A cell "
    "turns green once answered, orange when its value or its evidence needs checking, and grey when the question does not "
    "apply to your institution because of an earlier answer. The Status column says the same in words, and the Summary "
    "sheet shows your progress."
)
Q_HOW_TO_RETURN = N_(
    "When you have finished, save the file as .xlsx (from Excel or LibreOffice) and send it to the DGPE contact named on this sheet. "
    "You may rename the file; please do not delete sheets or change the questions. If something is still wrong, you will "
    "receive a copy with the cells to correct highlighted."
)
Q_EVIDENCE_RULE = N_("From level 2 up, please give the document or link that supports the answer in the Evidence column.")
Q_SCALE_TITLE = N_("How the maturity scale works")
Q_SCALE = {
    "0": N_("0 – Absent: the practice does not exist."),
    "1": N_("1 – Initial: isolated or informal efforts, not documented."),
    "2": N_("2 – Defined: the practice is defined in a norm, plan or procedure, but applied only partly."),
    "3": N_("3 – Implemented: the practice is applied regularly across the institution and documented."),
    "4": N_("4 – Institutionalised: the practice is applied, monitored, evaluated and improved over time."),
    "na": N_("Not applicable: the question does not concern your institution."),
    "ii": N_("Insufficient information: your institution cannot answer with the information it has."),
}
Q_HEADER_ID = N_("No.")
Q_HEADER_QUESTION = TERM_QUESTION
Q_HEADER_HELP = N_("Guidance and levels")
Q_HEADER_ANSWER = TERM_ANSWER
Q_HEADER_EVIDENCE = TERM_EVIDENCE_COMMENTS
Q_HEADER_STATUS = TERM_STATUS
Q_HEADER_DIMENSION = TERM_DIMENSION
Q_HEADER_APPLICABLE = N_("Questions to answer")
Q_HEADER_ANSWERED = N_("Answered so far")  # a count of questions, beside the two around it
Q_HEADER_PENDING = N_("Still to do")
Q_HEADER_PROGRESS = N_("Progress")
Q_TOTAL = N_("Total")
Q_STATUS_ANSWERED = TERM_ANSWERED
Q_STATUS_PENDING = N_("Pending")
Q_STATUS_OPTIONAL = N_("Optional")
Q_STATUS_NOT_APPLICABLE = TERM_DOES_NOT_APPLY
Q_STATUS_CHECK = N_("Check the value")
Q_STATUS_EVIDENCE = TERM_EVIDENCE_MISSING
Q_CHOOSE = N_("Choose from the list")
Q_CHOOSE_ERROR = N_("Choose one of the values of the list.")
Q_WHOLE = N_("Whole number")
Q_WHOLE_ERROR = N_("Type a whole number, without decimals.")
Q_DECIMAL = N_("Number")
Q_DECIMAL_ERROR = N_("Type a number.")
Q_DATE = N_("Date")
Q_DATE_ERROR = N_("Type a date, e.g. 15/03/2026.")
Q_RESPONDENT_TITLE = N_("Who answers this questionnaire")
Q_RESPONDENT_NAME = TERM_NAME
Q_RESPONDENT_POSITION = TERM_POSITION
Q_RESPONDENT_INSTITUTION = TERM_INSTITUTION
Q_RESPONDENT_EMAIL = N_("E-mail")
Q_RESPONDENT_DATE = N_("Date")
Q_OPTION = N_("Option")
Q_MULTIPLE_HINT = N_("Mark Yes for every option that applies.")
Q_YES = TERM_YES
Q_NO = N_("No")

# Frameworks and questionnaires
NO_FRAMEWORK_FOR_TOPIC = N_("There is no framework for the topic '{topic}'; add one to templates_xlsx/frameworks/ or to the workspace's frameworks/ folder.")
UNKNOWN_FRAMEWORK = N_("There is no framework '{framework}'; mecigep framework list shows them.")
FRAMEWORK_OK = N_("{file}: framework {framework} version {version}, {dimensions}, {questions}, languages {languages}.",
                  dimensions=COUNT_DIMENSIONS, questions=COUNT_QUESTIONS)
FRAMEWORK_WARNINGS = NP_("{count} warning:", "{count} warnings:")
QUESTIONNAIRE_ROUND_CLOSED = N_("Questionnaires can be emitted while a round is requested or has its questionnaire open; {round} is {stage}.")
QUESTIONNAIRES_WRITTEN = NP_("{count} questionnaire written to {folder}.", "{count} questionnaires written to {folder}.")
QUESTIONNAIRE_WRITTEN = N_("  {institution}: {file}")
NOTHING_TO_EMIT = N_("Say which questionnaires to emit: --institution ID or --all.")
HELP_FRAMEWORK = N_("Analytical frameworks written as XLSForm workbooks.")
HELP_FRAMEWORK_CHECK = N_("Check a framework workbook and list every problem by sheet, row and column.")
HELP_FRAMEWORK_LIST = N_("List the frameworks available.")
HELP_FRAMEWORK_SHOW = N_("Show a framework's dimensions and questions.")
HELP_QUESTIONNAIRE = N_("Self-assessment questionnaires.")
HELP_QUESTIONNAIRE_EMIT = N_("Write the questionnaire workbook of each institution into outbox/<round>/.")
HELP_INSTITUTION = N_("Institution id or acronym.")
HELP_ALL = N_("Every institution of the round.")
LABEL_VERSION = N_("Version")
LABEL_DIMENSIONS = N_("Dimensions")
LABEL_QUESTIONS = N_("Questions")
LABEL_FILE = N_("File")
LABEL_TYPE = N_("Type")
LABEL_ELEMENT = TERM_ELEMENT

# What a file really is
KIND_TEXT = N_("plain text (CSV)")
KIND_OLE2 = N_("a legacy (.xls/.doc) or encrypted Office file")
KIND_PDF = N_("a PDF")
KIND_EMPTY = N_("an empty file")
KIND_UNKNOWN = N_("an unknown format")
KIND_BAD_ZIP = N_("a damaged file or a zip that is not a workbook")
DEMO_QUESTIONNAIRE = N_("questionnaire to fill")

# The inbox
INBOX_ODS = N_("The file is an OpenDocument spreadsheet (.ods); open it in LibreOffice and save it as Excel 2007-365 (.xlsx), then send it again.")
INBOX_NOT_A_WORKBOOK = N_("The file is {kind}, not an Excel workbook (.xlsx); send the questionnaire as .xlsx.")
INBOX_NOT_OURS = N_("The workbook is not a document issued by MECIGEP (it carries no questionnaire or request identity).")
INBOX_FOREIGN = N_("The questionnaire {questionnaire} was not issued by this workspace; it may belong to another office or have been copied by hand.")
INBOX_TAMPERED = N_("The questionnaire {questionnaire} was changed: its {field} does not match the one issued; send back the workbook as it was sent, or ask for a new copy.")
INBOX_OUTDATED = N_("The questionnaire {questionnaire} uses version {version} of the framework, but the round now uses version {current}; ask for the current questionnaire.")
INBOX_ROUND_CLOSED = N_("The round {round} no longer receives questionnaires (it is {stage}); the file is kept, contact DGPE.")
INBOX_UNKNOWN_ROUND = N_("The round {round} named by the questionnaire does not exist in this workspace.")
INBOX_NOT_EXPECTED = N_("The institution {institution} is not among those expected to answer in round {round}.")
INBOX_UNREADABLE = N_("The file could not be read ({detail}); it may be damaged. Send it again.")
INBOX_LIMITS = N_("Reading the file took more {what} than allowed; it is too large or built to overload the reader.")
INBOX_TOO_MANY_ATTEMPTS = N_("Reading the file stopped the reader twice; it is set aside so that the others can be processed.")
INBOX_WORD_DOCUMENT = N_("The file is a Word document; the inbox takes questionnaires and request forms as .xlsx.")
OUTCOME_ACCEPTED = NP_("{file}: accepted — {institution}, round {round}, {answered}/{required} required answer; receipt {answer}.",
                       "{file}: accepted — {institution}, round {round}, {answered}/{required} required answers; receipt {answer}.",
                       number="required")
OUTCOME_INCOMPLETE = NP_("{file}: incomplete — {institution}, round {round}, {errors} problem; feedback workbook {answer}.",
                         "{file}: incomplete — {institution}, round {round}, {errors} problems; feedback workbook {answer}.",
                         number="errors")
OUTCOME_QUARANTINED = N_("{file}: quarantined — {reason}")
OUTCOME_DUPLICATE = N_("{file}: already received (same content as {first}); counted once.")
OUTCOME_REQUEST = N_("{file}: round request — round {round} opened.")
OUTCOME_NONE = N_("Nothing to process in {inbox}.")
NOTE_TITLE = N_("MECIGEP — file set aside")
NOTE_FILE = N_("File received: {file}")
NOTE_WHEN = N_("Received: {when}")
NOTE_HASH = N_("SHA-256: {sha256}")
NOTE_REASON = N_("Why it was set aside:")
NOTE_KEPT = N_("The file is kept unchanged beside this note. Nothing was deleted.")
MIME_DESCRIPTIONS = {
    "docx": N_("a Word document"),
    "pdf": N_("a PDF"),
    "text": N_("plain text (CSV)"),
}
LIMIT_WHAT = {"time": N_("time"), "memory": N_("memory")}
REQUEST_NOT_OPENED = N_("The round request could not be opened; every problem is listed below with its cell.")
HELP_WATCH = N_("Watch the inbox: identify, check, archive and answer every file that arrives.")
HELP_ONCE = N_("Process what is in the inbox now, then stop.")
HELP_SETTLE = N_("Seconds a file must stay unchanged before it is taken.")
HELP_WORKERS = N_("Processes reading files in parallel.")
HELP_INGEST = N_("Process the given files as if they had arrived in the inbox (the originals stay where they are).")
HELP_STATUS_ROUND = N_("A round's institutions: received, accepted, incomplete, missing.")
WATCHING = N_("Watching {inbox} (stop with Ctrl+C).")
WATCH_EVENT = N_("event: {event}")
LABEL_RECEIVED = N_("Received")
LABEL_ACCEPTED = N_("Accepted")
LABEL_INCOMPLETE = N_("Incomplete")
LABEL_MISSING = N_("Missing")
LABEL_PROBLEMS = N_("Problems")
LABEL_ANSWERED = TERM_ANSWERED
LABEL_LAST = N_("Last received")
Q_HEADER_FIX = N_("What to correct")
LABEL_STATUS = TERM_STATUS

# The status page
PAGE_TITLE = N_("MECIGEP — where every round stands")
PAGE_GENERATED = N_("Updated {when}. This page is rebuilt by the pipeline; it needs no server and no internet.")
PAGE_ROUNDS = N_("Rounds")
PAGE_RETURNS = N_("Questionnaires returned, per institution")
PAGE_EVENTS = N_("Recent events")
PAGE_NO_EVENTS = N_("No events yet.")
PAGE_WRITTEN = N_("Status page written to {path}.")
HELP_HTML = N_("Also write outbox/status.html, a page for DGPE staff.")

# Interviews (step 4)
HELP_INTERVIEWS = N_("Write the interview guides (one per institution) and the panel's interview-notes workbooks of a round at its interviews.")
INTERVIEWS_WRITTEN = N_("{guides} in {folder}; {notes} for the panel.", guides=COUNT_INTERVIEW_GUIDES, notes=COUNT_NOTES_WORKBOOKS)

# Reports (steps 5 and 6)
HELP_REPORT = N_("The panel's report: preliminary draft, country review, approval, final report.")
HELP_REPORT_DRAFT = N_("Write the next version of the preliminary draft, keeping the panel's text of the current one.")
HELP_REPORT_REVIEW = N_("List every tracked change and comment of the current draft as a workbook the panel answers.")
HELP_REPORT_APPROVE = N_("Record the country's approval of the current draft (refused while anything is unresolved).")
HELP_REPORT_FINAL = N_("Make the final report from the approved draft (and a PDF when LibreOffice is installed).")
HELP_BY = N_("Who approves, for the country.")
HELP_DATE = N_("Date of the approval (default: today).")
REPORT_WRONG_STAGE = N_("The round {round} is {stage}; a draft is written from the interviews on, before publication.")
REPORT_NO_DRAFT = N_("The round {round} has no draft yet; write one with mecigep report draft {round}.")
REPORT_DRAFT_WRITTEN = N_("Draft version {version} written to {path} ({kept}, {appended}).", kept=COUNT_PANEL_SECTIONS_KEPT,
                          appended=COUNT_SET_APART)
REPORT_REVIEW_WRITTEN = N_("{changes} and {comments} of draft version {version} listed in {path}.", changes=COUNT_TRACKED_CHANGES,
                           comments=COUNT_COMMENTS)
REPORT_NOT_APPROVABLE = N_("The draft version {version} cannot be approved yet; resolve each of these first:")
REPORT_APPROVED = N_("Round {round}: draft version {version} approved by {by} on {date}.")
REPORT_NOT_APPROVED = N_("The round {round} has no approved draft; approve one with mecigep report approve {round} --by NAME.")
REPORT_FINAL_WRITTEN = N_("Final report written to {path}.")
REPORT_PDF_WRITTEN = N_("PDF written to {path}.")
REPORT_NO_LIBREOFFICE = N_("LibreOffice is not installed, so no PDF was made; install it (libreoffice-writer) or convert the .docx by hand.")
REPORT_PDF_FAILED = N_("LibreOffice could not convert the final report to PDF; the .docx is there, convert it by hand.")
REPORT_SECTIONS_SET_APART = N_("Panel text from an earlier version")
INBOX_DRAFT_UNKNOWN = N_("The draft says it is version {version} of round {round}, but no such draft was issued by this workspace.")
INBOX_DRAFT_CLOSED = N_("The round {round} is {stage}: its drafts can no longer change. The file is kept, contact DGPE.")
OUTCOME_DRAFT = N_("{file}: draft of round {round} received — now the current draft, version {version} (edited from version {based_on}).")
OUTCOME_DRAFT_OUTDATED = N_("{file}: draft of round {round} received as version {version}, but it was edited from version {based_on} while version {current} is the latest the pipeline wrote: compare them before going on.")
DEMO_CONSOLIDATED = N_("consolidated workbook for the panel")
DEMO_GUIDE = N_("interview guide")
DEMO_DRAFT = N_("preliminary draft")
HELP_TEMPLATE = N_("Word templates in templates_docx/.")
DEMO_REVIEW = N_("the country's review, to answer line by line")
DEMO_FINAL = N_("final report")
HELP_FOLLOWUP = N_("Follow-up of the recommendations of published rounds.")
LABEL_RECOMMENDATIONS = TERM_RECOMMENDATIONS
DEMO_FOLLOWUP = N_("follow-up questionnaire")
DEMO_SEMINAR = N_("seminar compendium")
DEMO_REGISTER = N_("cooperation register for donors")
