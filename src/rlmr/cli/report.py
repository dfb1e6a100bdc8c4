"""`rlmr report` (not built yet: registers nothing)."""

import typer


def register(app: typer.Typer) -> None:
    return None
