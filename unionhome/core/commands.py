"""The one way a management command reports a service's ``DomainError``: an import's row errors on stderr,
then the message as the ``CommandError`` (exit status 1). Pages use ``core.views`` instead."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management.base import CommandError
from django.utils.translation import gettext

from unionhome.core.errors import DomainError


@contextmanager
def command_errors(stderr=None, *, rows: int = 50) -> Iterator[None]:
    """``with command_errors(self.stderr): service(...)``: a ``DomainError`` becomes a ``CommandError``; with
    ``stderr``, the first ``rows`` row errors of its details (``{"row", "column", "message"}``) are written first."""
    try:
        yield
    except DomainError as exc:
        if stderr is not None:
            for error in exc.details.get("errors", [])[:rows]:
                stderr.write(gettext("第%(row)s行 %(column)s：%(message)s") % {
                    "row": error["row"], "column": error["column"], "message": error["message"]})
        raise CommandError(exc.message) from exc
