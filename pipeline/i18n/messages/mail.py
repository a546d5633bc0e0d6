"""E-mail: drafts, reminders, sending, and the workspace's settings."""
from pipeline.i18n.messages.counts import COUNT_MAIL_INTERRUPTED, COUNT_MAIL_PREPARED, COUNT_MAIL_TO_PREPARE
from pipeline.i18n.translation import N_, NP_

MAIL_WRITTEN = NP_("{count} e-mail ready in {folder}; open the .eml to check and send it, or send it with --send.",
                   "{count} e-mails ready in {folder}; open each .eml to check and send it, or send them all with --send.")
MAIL_WRITTEN_ONE = N_("  {file}: {kind} to {to}")
MAIL_NONE = N_("No e-mail is owed for {round}.")
MAIL_UNREACHABLE = N_("No e-mail address is known for {name} ({kind}); add it to the round, then run mecigep mail {round} again.")
MAIL_SENT = NP_("{count} e-mail sent through {host}.", "{count} e-mails sent through {host}.")
MAIL_UNCERTAIN = N_("{file} to {to} was being sent when an earlier sending stopped and may have gone out: check the sent mail, and send it again with --retry if it did not.")
MAIL_REFUSED = N_("The mail server refused {file} to {to}: {reason}.")
MAIL_MISSING = N_("The e-mail {file} is no longer there; it was not sent.")
REMINDERS_WRITTEN = NP_("{count} reminder ready in {folder}.", "{count} reminders ready in {folder}.")
REMINDERS_NONE = N_("No reminder is due today for {round}.")
MAIL_NO_SENDER = N_("The e-mail of {round} needs a sender: set the DGPE coordinator with mecigep round panel coordinator, or the workspace's address with mecigep settings mail.from ADDRESS.")
MAIL_NO_TEMPLATE = N_("There is no mail template '{kind}' in {folder}.")
MAIL_TEMPLATE_NO_SUBJECT = N_("The mail template's first line must be 'Subject: …', followed by a blank line and the body.")
MAIL_TEMPLATE_UNKNOWN = N_("The mail template uses ${name}, which is not one of: {known}.")
MAIL_TEMPLATE_BROKEN = N_("The mail template has a $ that is not followed by a name; write $$ for a dollar sign.")
MAIL_ATTACHMENT_MISSING = N_("The document {file} to attach is no longer in the workspace.")
MAIL_NO_SERVER = N_("No mail server is set; set it with mecigep settings smtp.host HOST (and smtp.port, smtp.user).")
MAIL_NO_PASSWORD = N_("The mail server's password for {user} is read from the environment variable {env}, which is empty; set it in the shell that sends.")
MAIL_PASSWORD_NOT_ASCII = N_("The password in {env} has letters beyond plain ASCII, which the mail server's login cannot carry; use one of plain letters, digits and signs.")
MAIL_LOGIN_REFUSED = N_("The mail server {host} refused the user {user} or its password.")
MAIL_NO_STARTTLS = N_("The mail server {host} does not offer STARTTLS; check smtp.port, or turn it off with mecigep settings smtp.starttls no.")
MAIL_SERVER_UNREACHABLE = N_("The mail server {host}:{port} could not be reached or stopped answering ({reason}).")
MAIL_DAYS_LEFT = NP_("{days} day left", "{days} days left", number="days")
MAIL_DAYS_OVERDUE = NP_("{days} day overdue", "{days} days overdue", number="days")
MAIL_KINDS = {
    "questionnaire": N_("questionnaire"),
    "receipt": N_("receipt"),
    "feedback": N_("feedback workbook"),
    "notes_receipt": N_("receipt of interview notes"),
    "notes_feedback": N_("feedback on interview notes"),
    "interviews": N_("interview guides and notes workbook"),
    "draft": N_("draft report"),
    "reminder": N_("reminder"),
    "reminder_incomplete": N_("reminder of corrections"),
}
LABEL_OVERDUE = N_("Overdue")
LABEL_MAIL = N_("Mail waiting")
MAIL_WAITING = N_("Mail waiting: {owed} (mecigep mail {round}, mecigep remind {round}), {drafted}, {uncertain}.", owed=COUNT_MAIL_TO_PREPARE,
                  drafted=COUNT_MAIL_PREPARED, uncertain=COUNT_MAIL_INTERRUPTED)
OVERDUE_DAYS = NP_("{days} day", "{days} days", number="days")

# Settings
SETTING_SET = N_("{key} = {value}")
SETTING_CLEARED = N_("{key} is back to its default.")
SETTING_UNKNOWN = N_("'{key}' is not a setting; the settings are: {keys}.")
SETTING_NO_PASSWORD = N_("The mail server's password is never stored; put it in the environment variable named by smtp.password_env (by default {env}).")
SETTING_BAD_TIMEZONE = N_("'{value}' is not a time zone; use a name such as America/Lima or UTC.")
SETTING_BAD_PORT = N_("'{value}' is not a port number (1 to 65535).")
SETTING_BAD_YES_NO = N_("{key} takes yes or no, not '{value}'.")
SETTING_BAD_REMINDERS = N_("'{value}' is not a schedule; give days before the deadline separated by commas, e.g. 14,7,1.")
SETTING_DEFAULT = N_("(default)")

# Command line help
HELP_MAIL = N_("Write a ready e-mail (.eml) for each document the round owes someone; --send sends them.")
HELP_REMIND = N_("Write reminders to the institutions that have not answered, as the schedule says; --send sends them.")
HELP_SEND = N_("Send them through the workspace's mail server (mecigep settings smtp.host …).")
HELP_RETRY = N_("Also send those whose earlier sending was interrupted (they may have gone out).")
HELP_SETTINGS = N_("Show the workspace's settings, or change one: mecigep settings KEY VALUE (an empty VALUE restores the default).")
HELP_SETTING_KEY = N_("The setting: timezone, mail.from, smtp.host, smtp.port, smtp.starttls, smtp.user, smtp.password_env, reminders.")
HELP_SETTING_VALUE = N_("Its new value.")

# The example workspace
DEMO_MAIL = N_("e-mail ready to send")
DEMO_REMINDER = N_("reminder ready to send")
