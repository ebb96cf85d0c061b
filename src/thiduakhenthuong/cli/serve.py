"""``tdkt serve``: the local web app and HTTP API (needs the ``web`` extra)."""
from __future__ import annotations

import os

import click
from rich.markup import escape

from ..web.settings import DEFAULT_HOST, DEFAULT_PORT, TOKEN_ENV, Settings
from .common import Exit, console, user_errors
from .main import short
from .ui import command, option

try:        # the web extra (pip install 'thiduakhenthuong[web]'); without it serve says so
    import uvicorn
    from ..web.app import create_app
except ImportError:
    uvicorn = None


@command(short_help=short("serve"))
@option("--host", default=DEFAULT_HOST, show_default=True,
        help="address to listen on (loopback by default: this machine only)")
@option("--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT, show_default=True,
        help="port to listen on")
@option("--rules", "rules", multiple=True, metavar="DIR",
        help="a rule folder to serve besides the bundled rule sets (may be repeated)")
@option("--token", default=None, help=f"the token every request must carry (required off "
                                      f"loopback; or set {TOKEN_ENV})")
@option("--max-upload-mb", type=click.IntRange(min=1), default=20, show_default=True,
        help="largest upload, in MB")
@option("--max-rows", type=click.IntRange(min=1), default=200_000, show_default=True,
        help="most rows of an uploaded table")
@option("--jobs", type=click.IntRange(min=1), default=2, show_default=True,
        help="runs judged at once (the others wait their turn)")
def serve(host: str, port: int, rules: tuple[str, ...], token: str | None, max_upload_mb: int,
          max_rows: int, jobs: int) -> None:
    """Start the web app (pages for office staff and auditors) and the HTTP API /api/v1 on this
    machine, serving the bundled rule sets and every --rules folder. It listens on 127.0.0.1
    unless --host says otherwise, which then requires a token on every request."""
    if uvicorn is None:
        raise Exit("the web app needs its extra: pip install 'thiduakhenthuong[web]'")
    err = console(stderr=True)
    settings = Settings(rules=rules, token=token or os.environ.get(TOKEN_ENV) or None, host=host,
                        max_upload_bytes=max_upload_mb * 2**20, max_rows=max_rows, jobs=jobs)
    with user_errors():
        app = create_app(settings.check())
    shown = f"[{host}]" if ":" in host else host
    err.print(escape(f"→ http://{shown}:{port}/  (API: http://{shown}:{port}/api/v1/docs)"))
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
