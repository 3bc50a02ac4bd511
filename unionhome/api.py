"""The JSON API root: /api/v1 (django-ninja). Session (with CSRF) or bearer-token authentication.

Each domain app contributes ``router`` from its ``api.py``. Domain errors become
``{"code", "message"}`` bodies with the error's status; validation errors are 422.
"""
from __future__ import annotations

import logging

from django.db import DataError
from django.http import Http404, HttpRequest
from django.urls import include, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import APIKeyCookie, HttpBearer

from unionhome.accounts.queries import context_for
from unionhome.core.errors import DomainError

logger = logging.getLogger(__name__)


class SessionAuth(APIKeyCookie):
    """The page login, with CSRF checked on unsafe methods."""

    param_name = "sessionid"

    def __init__(self):
        super().__init__(csrf=True)

    def __call__(self, request: HttpRequest):
        # No session cookie: not this scheme, so a bearer-token client is not refused for CSRF.
        if not request.COOKIES.get(self.param_name):
            return None
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, key):
        if request.user.is_authenticated:
            request.ctx = context_for(request.user, request.session.get("union_id"))
            return request.user
        return None


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        from unionhome.accounts.services import token_context

        ctx = token_context(token)  # token, user, profile, roles and the last use: one statement on PostgreSQL
        if ctx is None:
            return None
        request.user = ctx.user
        request.ctx = ctx
        return ctx.user


ERROR_BODY = {
    "type": "object",
    "required": ["code", "message"],
    "properties": {
        "code": {"type": "string", "description": "stable error code, e.g. already_voted, not_eligible"},
        "message": {"type": "string", "description": "what went wrong, in the request's language (Chinese by default)"},
        "field": {"type": "string"},
        "details": {"type": "object"},
        "errors": {"type": "array", "items": {"type": "object"}},
    },
}
ERRORS = {400: "A parameter out of range or malformed (bad_parameter)", 401: "Not signed in, or the token is invalid",
          403: "Not allowed", 404: "No such record, or not yours", 409: "Conflicts with the current state (Conflict)",
          422: "Invalid input or a rule broken (invalid_input, RuleViolation)",
          429: "Too many attempts: wait, then try again",
          503: "The database or the file store is unavailable for now (database_unavailable, storage_full, storage_unavailable): retry later"}


class UnionhomeAPI(NinjaAPI):
    """Every operation answers its errors in one shape (the handlers below), so the document declares them once for
    all: a client, and the schema-driven tests (``core/tests/test_api_fuzz.py``), can check each 4xx body."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        from unionhome.core.openapi import UniqueNamesOpenAPISchema

        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        schema = UniqueNamesOpenAPISchema(self, path_prefix)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_BODY
        ref = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                for status, description in ERRORS.items():
                    responses.setdefault(status, {"description": description, "content": ref})
        return schema

    def _get_urls(self):
        """django-ninja's patterns, one per path (about 340), grouped under their first segment: a request then
        tries the ~30 segments and its own group, not every path before its own (the sign-up was the 110th). Order
        within a group is kept; a path whose first segment is not a literal stays where it was."""
        slots: list = []  # a pattern, or the name of a group in its first place
        groups: dict[str, list] = {}
        for pattern in super()._get_urls():
            head, slash, rest = str(pattern.pattern).partition("/")
            if not slash or not rest or "<" in head:
                slots.append(pattern)
                continue
            if head not in groups:
                groups[head] = []
                slots.append(head)
            groups[head].append(path(rest, pattern.callback, pattern.default_args, name=pattern.name))
        return [path(f"{slot}/", include(groups[slot])) if isinstance(slot, str) else slot for slot in slots]


api = UnionhomeAPI(
    title=gettext_lazy("职工之家 API"),
    version="1",
    urls_namespace="api",
    auth=[SessionAuth(), TokenAuth()],
    docs_url="/docs",
)


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    return api.create_response(request, exc.as_dict(), status=exc.status)


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    errors = [{"loc": e.get("loc"), "message": e.get("msg")} for e in exc.errors]
    return api.create_response(request, {"code": "invalid_input", "message": _("输入数据不正确"), "errors": errors},
                               status=422)


@api.exception_handler(AuthenticationError)
def auth_error(request, exc):
    return api.create_response(request, {"code": "unauthenticated", "message": _("请先登录或提供有效令牌")}, status=401)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"code": "not_found", "message": _("记录不存在或无权访问")}, status=404)


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    code = {401: "unauthenticated", 403: "forbidden", 404: "not_found"}.get(exc.status_code, "error")
    return api.create_response(request, {"code": code, "message": str(exc)}, status=exc.status_code)


@api.exception_handler(OverflowError)
@api.exception_handler(ValueError)
@api.exception_handler(DataError)
def bad_parameter(request, exc):
    # year=10000, a 20-digit offset or id: the same errors the pages answer in core.middleware.BadParameterMiddleware
    logger.warning("bad parameter on %s: %r", request.path, exc, exc_info=exc)
    return api.create_response(request, {"code": "bad_parameter", "message": _("请求参数超出范围或格式不正确")},
                               status=400)


def _mount() -> None:
    from unionhome.accounts.api import router as accounts
    from unionhome.accounts.api_setup import router as setup
    from unionhome.activities.api import router as activities
    from unionhome.assessment.api import router as assessment
    from unionhome.awards.api import router as awards
    from unionhome.care.api import router as care
    from unionhome.care.api_campaigns import router as care_campaigns
    from unionhome.care.api_files import router as care_files
    from unionhome.committees.api import router as committees
    from unionhome.committees.api_org import router as org
    from unionhome.competitions.api import router as competitions
    from unionhome.core.api import router as audit
    from unionhome.core.rulebook_api import router as rules
    from unionhome.dashboard.api import router as figures
    from unionhome.dashboard.api_federation import router as federation
    from unionhome.disclosures.api import router as disclosures
    from unionhome.elections.api import router as elections
    from unionhome.funds.api import router as funds
    from unionhome.jobs.api import router as jobs
    from unionhome.meetings.api import router as meetings
    from unionhome.members.api import router as members
    from unionhome.members.api_io import router as roster
    from unionhome.notifications.api import router as notifications
    from unionhome.plans.api import router as plans
    from unionhome.records.api import router as records
    from unionhome.reports.api import router as reports
    from unionhome.study.api import router as study
    from unionhome.suggestions.api import router as suggestions

    api.add_router("/org", org)
    api.add_router("/members", members)
    api.add_router("/roster", roster)
    api.add_router("/committees", committees)
    api.add_router("/funds", funds)
    api.add_router("/care", care)
    api.add_router("/care", care_files)
    api.add_router("/care", care_campaigns)
    api.add_router("/activities", activities)
    api.add_router("/competitions", competitions)
    api.add_router("/elections", elections)
    api.add_router("/suggestions", suggestions)
    api.add_router("/disclosures", disclosures)
    api.add_router("/meetings", meetings)
    api.add_router("/study", study)
    api.add_router("/awards", awards)
    api.add_router("/plans", plans)
    api.add_router("/reports", reports)
    api.add_router("/assessment", assessment)
    api.add_router("/figures", figures)
    api.add_router("/federation", federation)
    api.add_router("/setup", setup)
    api.add_router("/accounts", accounts)
    api.add_router("/audit", audit)
    api.add_router("/notifications", notifications)
    api.add_router("/jobs", jobs)
    api.add_router("/rules", rules)
    api.add_router("/records", records)


_mount()
