"""One-line reasons for network failures, shared by the HTTP and IMAP sources."""

from __future__ import annotations

import socket
import ssl


def network_reason(exc: BaseException, host: str, where: str, timeout: float) -> str | None:
    """Say in one line why talking to ``where`` (``host:port``) failed, or None if unknown."""
    if isinstance(exc, socket.gaierror):
        return f"host {host!r} not found (DNS: {exc.strerror or exc})"
    if isinstance(exc, ConnectionRefusedError):
        return f"connection to {where} refused"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"TLS certificate of {where} not trusted: {exc.verify_message}"
    if isinstance(exc, ssl.SSLError):
        return f"TLS with {where} failed: {exc.reason or exc}"
    if isinstance(exc, TimeoutError):
        return f"no answer from {where} within {timeout:g} s"
    if isinstance(exc, ConnectionResetError | BrokenPipeError | EOFError):
        return f"{where} closed the connection"
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror} ({where})"
    return None
