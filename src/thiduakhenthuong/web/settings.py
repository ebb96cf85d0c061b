"""What a server is started with, and the safety rules on where it may listen.

>>> Settings().max_upload_bytes // 2**20, is_loopback("127.0.0.1"), is_loopback("0.0.0.0")
(20, True, False)
"""
from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from ..errors import UsageError

#: The environment variable holding the token a non-loopback server requires.
TOKEN_ENV = "TDKT_TOKEN"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


@dataclass(frozen=True)
class Settings:
    """A server's settings: the rule folders it serves besides the bundled rule sets, the token
    every request must carry (required off loopback), the limits on uploads, and how many jobs
    run at once (the others wait their turn)."""
    rules: tuple[str, ...] = ()
    token: str | None = None
    host: str = DEFAULT_HOST
    max_upload_bytes: int = 20 * 2**20
    max_rows: int = 200_000
    jobs: int = 2

    def check(self) -> "Settings":
        """These settings, if safe: a host other than loopback needs a token.

        >>> Settings(host="0.0.0.0").check()
        Traceback (most recent call last):
        ...
        thiduakhenthuong.errors.UsageError: listening on 0.0.0.0 (not loopback) needs a token ...
        """
        if not is_loopback(self.host) and not self.token:
            raise UsageError(f"listening on {self.host} (not loopback) needs a token "
                             f"(--token or {TOKEN_ENV}) that every request must carry")
        if self.token is not None and len(self.token) < 16:
            raise UsageError("the token must have at least 16 characters")
        return self


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine only (127.0.0.0/8, ::1, localhost)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
