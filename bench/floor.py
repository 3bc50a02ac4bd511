"""The framework floor of benchmarks P5 and P6 (shared performance.md): what Django itself costs on this
machine for the same work, served by the same gunicorn with the same workers as the real endpoint.

Each view authenticates the bearer token the same way the API does (``accounts.services.token_user``: the
token with its user and profile in one query, the last use written at most once a minute) and then runs
the statements the real path cannot do without, as raw SQL in one transaction — sent as the real path sends its
statements (``core.statements.statement_cursor``: prepared on the connection) — no middleware, no
django-ninja, no permission context, no model instances, no audit row, no inbox message:

- P5 ``POST /floor/signup/<activity>``: the conditional UPDATE on the activity row and the sign-up INSERT
  (201, or 409 when the UPDATE matched nothing: full);
- P6 ``POST /floor/ballot/<election>``: the participation INSERT on the unique (election, voter) key and the
  UPDATE filling a random blank ballot slot (201, or 409 when the voter already voted).

    gunicorn bench.floor:application   (DJANGO_SETTINGS_MODULE=bench.floor_settings)
"""
from __future__ import annotations

import os
import uuid

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.floor_settings")

from django.core.wsgi import get_wsgi_application
from django.db import transaction
from django.http import JsonResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from unionhome.core.statements import statement_cursor

application = get_wsgi_application()


def _user(request):
    from unionhome.accounts.services import token_user

    auth = request.META.get("HTTP_AUTHORIZATION", "")
    return token_user(auth[7:]) if auth.startswith("Bearer ") else None


@csrf_exempt
def signup(request, activity_id: int):
    from unionhome.activities.models import new_checkin_code

    user = _user(request)
    if user is None:
        return JsonResponse({"code": "unauthorized"}, status=401)
    now = timezone.now()
    with transaction.atomic(), statement_cursor() as cur:
        cur.execute("UPDATE activities_activity SET accepted_count = accepted_count + 1 WHERE id = %s AND "
                    "status = 'open' AND (capacity IS NULL OR accepted_count < capacity) RETURNING union_id",
                    [activity_id])
        row = cur.fetchone()
        if row is None:
            return JsonResponse({"code": "full"}, status=409)
        cur.execute("INSERT INTO activities_signup (created_at, updated_at, status, source, checkin_code, activity_id,"
                    " union_id, worker_id) VALUES (%s, %s, 'accepted', 'self', %s, %s, %s, %s)",
                    [now, now, new_checkin_code(), activity_id, row[0], user.profile.worker_id])
    return JsonResponse({"status": "accepted"}, status=201)


@csrf_exempt
def ballot(request, election_id: int):
    user = _user(request)
    if user is None:
        return JsonResponse({"code": "unauthorized"}, status=401)
    now = timezone.now()
    with transaction.atomic(), statement_cursor() as cur:
        cur.execute("INSERT INTO elections_participation (created_at, updated_at, election_id, union_id, worker_id) "
                    "SELECT %s, %s, id, union_id, %s FROM elections_election WHERE id = %s "
                    "ON CONFLICT (election_id, worker_id) DO NOTHING RETURNING union_id",
                    [now, now, user.profile.worker_id, election_id])
        if cur.fetchone() is None:
            return JsonResponse({"code": "already_voted"}, status=409)
        start = str(uuid.uuid4())
        cur.execute("UPDATE elections_ballot SET filled = true, marks = %s, write_ins = '' WHERE id = COALESCE("
                    "(SELECT id FROM elections_ballot WHERE election_id = %s AND NOT filled AND id >= %s ORDER BY id "
                    "LIMIT 1 FOR UPDATE SKIP LOCKED), (SELECT id FROM elections_ballot WHERE election_id = %s AND "
                    "NOT filled AND id < %s ORDER BY id DESC LIMIT 1 FOR UPDATE SKIP LOCKED)) RETURNING receipt",
                    ["A", election_id, start, election_id, start])
        row = cur.fetchone()
    return JsonResponse({"receipt": row[0] if row else ""}, status=201)


urlpatterns = [path("floor/signup/<int:activity_id>", signup), path("floor/ballot/<int:election_id>", ballot)]
