"""Logging: one line per event, secrets redacted before any handler sees them."""

from __future__ import annotations

import logging
import re
import sys

_SECRET = re.compile(r"(?i)(password|passwd|pass|secret|token)(\s*[=:]\s*)(\S+)")


class RedactingFilter(logging.Filter):
    """Masks ``password=...``-shaped text, in case a library logs a command line."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if _SECRET.search(message):
            record.msg = _SECRET.sub(r"\1\2***", message)
            record.args = ()
        return True


def setup_logging(verbose: int = 0, *, stream: object = None) -> None:
    level = logging.WARNING if verbose <= 0 else logging.INFO if verbose == 1 else logging.DEBUG
    handler = logging.StreamHandler(stream or sys.stderr)  # type: ignore[arg-type]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("imapclient").setLevel(max(level, logging.WARNING))
