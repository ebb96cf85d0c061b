"""The language of the command line: Vietnamese unless ``--lang en`` (given before ``--help``)
or the environment variable ``TDKT_LANG=en`` says English. Light to import: ``tdkt --help``
needs it before any command is loaded."""
from __future__ import annotations

import os
from typing import Optional

import click

#: The environment variable that sets the language of the command line and its outputs.
ENV = "TDKT_LANG"


def env_lang() -> str:
    """The language set in the environment (``TDKT_LANG``), else Vietnamese."""
    v = os.environ.get(ENV, "").strip().lower()
    return "en" if v.startswith("en") else "vi"


def help_lang(ctx: Optional[click.Context]) -> str:
    """The language help is shown in: ``--lang`` given before ``--help`` on this command or
    the group, else the environment."""
    while ctx is not None:
        v = ctx.params.get("lang")
        if v in ("vi", "en"):
            return v
        ctx = ctx.parent
    return env_lang()
