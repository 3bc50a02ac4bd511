"""Filters for the platform's log."""
from __future__ import annotations

import logging


class NoTracebackForClientErrors(logging.Filter):
    """A refused request (403, 404, 400…) is the client's doing, not a fault: log its one line, not the
    traceback Django attaches to it, so the log keeps real errors (5xx, with traceback) readable and does not
    fill with every "no permission" a user or a scanner runs into."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and 400 <= getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
