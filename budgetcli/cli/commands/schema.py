"""``budgetcli schema``: the JSON Schema of a kind of file, for editors."""

from enum import StrEnum
from typing import Annotated

import typer

from budgetcli.cli import options, wiring

SHORT_HELP = "The JSON Schema of a kind of file, for editors."


class SchemaKind(StrEnum):
    proposal = "proposal"
    areas = "areas"
    forecast = "forecast"
    prices = "prices"
    appropriations = "appropriations"
    followup = "followup"


def schema(
    kind: Annotated[
        SchemaKind,
        typer.Argument(help="proposal, areas, forecast, prices, appropriations or followup."),
    ] = SchemaKind.proposal,
    lang: options.LangOption = None,
) -> None:
    """Print the JSON Schema of a proposal file or of areas.yaml, for editors.

    With VS Code's YAML extension, write the schema to a file and name it in
    .vscode/settings.json: "yaml.schemas": {"proposal.schema.json":
    "data/proposals/*.yaml"}.

    Example:

    \b
        budgetcli schema proposal > proposal.schema.json
    """
    import json

    from pydantic import BaseModel

    from budgetcli.folder import followupmodels, models

    chosen: dict[SchemaKind, type[BaseModel]] = {
        SchemaKind.proposal: models.ProposalFile,
        SchemaKind.areas: models.AreasFile,
        SchemaKind.forecast: models.ForecastFile,
        SchemaKind.prices: models.PricesFile,
        SchemaKind.appropriations: followupmodels.AppropriationsFile,
        SchemaKind.followup: followupmodels.FollowupFile,
    }
    wiring.out(json.dumps(models.json_schema(chosen[kind]), ensure_ascii=False, indent=2) + "\n")
