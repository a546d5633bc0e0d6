"""What waits in the inbox and which versions wait to be chosen, as ``status`` and the inbox commands print it; kept
apart from the inbox commands so that ``status`` loads none of them."""
from __future__ import annotations

from pipeline.cli import context
from pipeline.cli.context import STATE, _
from pipeline.i18n import messages as m


def waiting(workspace) -> list:
    """What waits in the workspace's inbox and why (one look)."""
    from pipeline.inbox.readiness import survey

    return survey(workspace.inbox, workspace.work)


def show_waiting(workspace) -> None:
    """Prints what waits in the inbox and why, when anything does."""
    from rich.table import Table

    from pipeline.stages.status import waiting_rows

    rows = waiting_rows(waiting(workspace), STATE.lang)
    if not rows:
        return
    table = Table(title=_(m.PAGE_WAITING))
    for header in (m.LABEL_FILE, m.LABEL_REASON, m.LABEL_SIZE, m.LABEL_LAST_CHANGE):
        table.add_column(_(header))
    for row in rows:
        table.add_row(row["name"], row["why"], row["size"], row["since"])
    context.console.print(table)


def show_choices(round_id: str, rows) -> None:
    """Prints, for each institution whose versions conflict, the versions and the command that chooses."""
    for row in rows:
        if row.versions:
            context.console.print(_(m.CHOOSE_HINT, institution=row.acronym, round=round_id, count=len(row.versions),
                                    versions="; ".join(row.versions)), markup=False, style="yellow")
