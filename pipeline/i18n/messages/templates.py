"""Messages: templates."""
from pipeline.i18n.translation import N_

TEMPLATE_NOT_DOCX = N_(
    "The file is not a Word document that can be read: open it in Word, save it as “Word Document (*.docx)” "
    "and check it again.")
TEMPLATE_SPLIT_TAG = N_(
    "Word has stored the tag {tag} (nearest heading above: {heading}) in several pieces, which can break it or "
    "mix its formatting: select the whole tag, delete it and type it again in one go, or paste it as plain text "
    "(Ctrl+Shift+V).")
TEMPLATE_UNCLOSED_TAG = N_(
    "The tag that starts {tag} (nearest heading above: {heading}) does not end in the same paragraph: finish it "
    "in this paragraph, typing it again in one go, or delete it.")
TEMPLATE_CURLY_QUOTES = N_(
    "Word's AutoFormat has turned the quotes of the tag {tag} (nearest heading above: {heading}) into curly "
    "quotes; the pipeline straightens them when it renders, but a curly apostrophe inside quoted text breaks the "
    "tag: turn off “Straight quotes with smart quotes” in AutoFormat As You Type and type the quotes again.")
TEMPLATE_SYNTAX = N_(
    "The template code of the paragraph {text} (nearest heading above: {heading}) is not valid (Jinja says: "
    "{error}): correct the tag, for instance a misspelt word, a missing end of tag, or an if or for without its "
    "endif or endfor, and check again.")
TEMPLATE_SYNTAX_SOMEWHERE = N_(
    "The template code is not valid (Jinja says: {error}): look for a misspelt or unfinished tag, correct it "
    "and check again.")
TEMPLATE_UNKNOWN_VARIABLE = N_(
    "The tag {tag} (nearest heading above: {heading}) uses {name}, which is not among the names the pipeline "
    "gives this template ({known}), so no document could be made from it: correct the name or delete the tag.")
TEMPLATE_TOC_NOT_UPDATED = N_(
    "The table of contents (nearest heading above: {heading}) will not refresh when the document is opened, "
    "because the template does not ask Word to update its fields: readers will see the template's entries until "
    "they right-click it and choose Update Field; ask the MECIGEP maintainers to turn updateFields on in the "
    "template's settings.")
# The command line's wording (pipeline/cli/template.py).
TEMPLATE_OK = N_("{file}: no problem found.")
TEMPLATE_NOT_KNOWN = N_(
    "{file} is not named like a template the pipeline uses ({known}), so its variables were not checked: name "
    "the template it stands in for with --like.")
TEMPLATE_UNKNOWN_LIKE = N_("--like {like} is not a template the pipeline uses: give one of {known}.")
TEMPLATE_HELP_CHECK = N_("Check a Word template (tags Word split or changed, invalid code, unknown variables) "
                         "and list every problem by part and paragraph.")
TEMPLATE_HELP_LIKE = N_("The template of templates_docx whose variables FILE must use, when FILE has another name.")
