"""``mecigep round panel …``: the experts of a round's panel and its DGPE coordinator."""
from __future__ import annotations

from typing import Annotated, Optional

import typer

from pipeline.cli.context import STATE, _, console
from pipeline.i18n import messages as m

panel = typer.Typer(no_args_is_help=True, rich_markup_mode=None)
RoundArg = Annotated[str, typer.Argument(metavar="ROUND", help=_(m.HELP_ROUND_ARG))]


@panel.command("add", help=_(m.HELP_PANEL_ADD))
def panel_add(
    round_ref: RoundArg,
    name: Annotated[str, typer.Option("--name", metavar="NAME", help=_(m.HELP_OPT_NAME))],
    email: Annotated[str, typer.Option("--email", metavar="EMAIL", help=_(m.HELP_OPT_EMAIL))],
    state: Annotated[str, typer.Option("--state", metavar="CODE", help=_(m.HELP_OPT_STATE))],
    institution: Annotated[str, typer.Option("--institution", metavar="TEXT", help=_(m.HELP_OPT_EXPERT_INSTITUTION))],
    experience: Annotated[str, typer.Option("--experience", metavar="TEXT", help=_(m.HELP_OPT_EXPERIENCE))],
    language: Annotated[Optional[str], typer.Option("--language", metavar="es|en|pt|fr", help=_(m.HELP_OPT_LANGUAGE))] = None,
) -> None:
    from pipeline.domain.models import Expert
    from pipeline.stages import panel as panels

    expert = Expert(name=name, email=email, state=state.strip().upper(), institution=institution, experience=experience,
                    language=language.strip().lower() if language else None)
    _done(panels.add_expert(STATE.workspace(), round_ref, expert))


@panel.command("remove", help=_(m.HELP_PANEL_REMOVE))
def panel_remove(round_ref: RoundArg, email: Annotated[str, typer.Option("--email", metavar="EMAIL", help=_(m.HELP_OPT_EMAIL))]) -> None:
    from pipeline.stages import panel as panels

    _done(panels.remove_expert(STATE.workspace(), round_ref, email))


@panel.command("coordinator", help=_(m.HELP_PANEL_COORDINATOR))
def panel_coordinator(round_ref: RoundArg, name: Annotated[str, typer.Option("--name", metavar="NAME", help=_(m.HELP_OPT_NAME))],
                      email: Annotated[str, typer.Option("--email", metavar="EMAIL", help=_(m.HELP_OPT_EMAIL))]) -> None:
    from pipeline.domain.models import Coordinator
    from pipeline.stages import panel as panels

    _done(panels.set_coordinator(STATE.workspace(), round_ref, Coordinator(name=name, email=email)))


def _done(r) -> None:  # type: ignore[no-untyped-def]
    coordinator = r.panel.coordinator.name if r.panel.coordinator else _(m.LABEL_NONE)
    console.print(_(m.PANEL_UPDATED, round=r.id, count=len(r.panel.experts), coordinator=coordinator), markup=False)

