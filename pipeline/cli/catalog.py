"""``mecigep catalog …``: member states and topics."""
from __future__ import annotations

from typing import Annotated

import typer

from pipeline.cli.context import STATE, _, console, print_json
from pipeline.domain.catalog import Catalog
from pipeline.i18n import messages as m

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)
topic_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)
app.add_typer(topic_app, name="topic", help=_(m.HELP_CATALOG_TOPIC_ADD))


@app.command("states", help=_(m.HELP_CATALOG_STATES))
def states(as_json: Annotated[bool, typer.Option("--json", help=_(m.HELP_JSON))] = False) -> None:
    catalog = STATE.workspace().catalog
    if as_json:
        print_json([s.__dict__ for s in catalog.states.values()])
        return
    from rich.table import Table

    table = Table()
    for header in (m.LABEL_ID, m.LABEL_NAME, m.LABEL_PARTICIPATING):
        table.add_column(_(header))
    for s in sorted(catalog.states.values(), key=lambda s: s.name(STATE.lang)):
        table.add_row(s.code, s.name(STATE.lang), "✓" if s.participating else "—")
    console.print(table)


@app.command("topics", help=_(m.HELP_CATALOG_TOPICS))
def topics(as_json: Annotated[bool, typer.Option("--json", help=_(m.HELP_JSON))] = False) -> None:
    catalog = STATE.workspace().catalog
    if as_json:
        print_json([t.__dict__ for t in catalog.topics.values()])
        return
    from rich.table import Table

    table = Table()
    for header in (m.LABEL_ID, m.LABEL_NAME):
        table.add_column(_(header))
    for t in catalog.topics.values():
        table.add_row(t.id, t.name(STATE.lang))
    console.print(table)


@app.command("participation", help=_(m.HELP_CATALOG_PARTICIPATION))
def participation(state: Annotated[str, typer.Argument(metavar="STATE", help=_(m.HELP_OPT_STATE_CODE))],
                  participating: Annotated[bool, typer.Option("--yes/--no", help=_(m.HELP_OPT_PARTICIPATING))]) -> None:
    workspace = STATE.workspace()
    found = workspace.catalog.state(state)
    workspace.ledger.set_participation(found.code, participating)
    console.print(_(m.PARTICIPATION_SET, state=found.name(STATE.lang), participating=m.Q_YES if participating else m.Q_NO))


@topic_app.command("add", help=_(m.HELP_CATALOG_TOPIC_ADD))
def topic_add(
    topic_id: Annotated[str, typer.Argument(metavar="TOPIC", help=_(m.HELP_OPT_TOPIC_ID))],
    es: Annotated[str, typer.Option(metavar="TEXT", help=_(m.HELP_OPT_TOPIC_NAME))],
    en: Annotated[str, typer.Option(metavar="TEXT", help=_(m.HELP_OPT_TOPIC_NAME))] = "",
    pt: Annotated[str, typer.Option(metavar="TEXT", help=_(m.HELP_OPT_TOPIC_NAME))] = "",
    fr: Annotated[str, typer.Option(metavar="TEXT", help=_(m.HELP_OPT_TOPIC_NAME))] = "",
) -> None:
    workspace = STATE.workspace()
    names = {lang: name for lang, name in (("es", es), ("en", en), ("pt", pt), ("fr", fr)) if name}
    Catalog.check_new_topic(topic_id, names, workspace.catalog.topics)
    workspace.ledger.add_topic(topic_id, names)
    console.print(_(m.TOPIC_ADDED, topic=topic_id))
