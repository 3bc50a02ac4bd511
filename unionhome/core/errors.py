"""Domain errors: a stable machine code plus a Chinese message for people.

Services raise these; views turn them into form errors, pages turn them into
messages, and the API turns them into a JSON body ``{"code", "message"}`` with
the error's HTTP status.
"""
from __future__ import annotations

from django.utils.translation import gettext_lazy


class DomainError(Exception):
    status = 400

    def __init__(self, code: str, message: str, *, field: str | None = None, details: dict | None = None):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.field = field
        self.details = details or {}

    def as_dict(self) -> dict:
        body = {"code": self.code, "message": self.message}
        if self.field:
            body["field"] = self.field
        if self.details:
            body["details"] = self.details
        return body


class RuleViolation(DomainError):
    """A union rule (regulation, policy, cap) forbids the operation."""

    status = 422


class Conflict(DomainError):
    """The operation clashes with the current state (full, already done, locked)."""

    status = 409


class Unavailable(DomainError):
    """Something the operation needs is out of service for now (the file store is full): try again later."""

    status = 503


class TooMany(DomainError):
    """Too many requests from one place in a while (a rate limit): wait, then try again."""

    status = 429


class NotFound(DomainError):
    status = 404

    def __init__(self, code: str = "not_found", message: str = gettext_lazy("记录不存在或无权访问")):
        super().__init__(code, message)


class Forbidden(DomainError):
    status = 403

    def __init__(self, code: str = "forbidden", message: str = gettext_lazy("没有执行此操作的权限")):
        super().__init__(code, message)
