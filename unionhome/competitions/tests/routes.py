"""Every competitions route × every role. Officers with ``competitions.manage``: committee, chair, admin;
``competitions.view``: every role of the union (not the federation). The outsider (another union's chair)
sees their own union's lists and gets 404 for our competitions."""
from unionhome.core.testing.matrix import Route, by_perm

VIEW = by_perm("competitions.view")
VIEW_OBJ = by_perm("competitions.view", outsider=404)
MANAGE = by_perm("competitions.manage")
MANAGE_OBJ = by_perm("competitions.manage", outsider=404)
POST_OBJ = by_perm("competitions.manage", ok=302, outsider=404)  # a page POST answers with a redirect


def _competition(cast, *, started=True, **kw):
    from unionhome.competitions.tests.factories import competition, start

    c = competition(cast, entrants=3, **kw)
    return start(cast, c) if started else c


def draft(cast):
    return {"pk": _competition(cast, started=False).pk}


def running(cast):
    return {"pk": _competition(cast).pk}


def with_match(cast):
    c = _competition(cast)
    return {"pk": c.pk, "match_pk": c.matches.first().pk}


def with_entry(cast):
    c = _competition(cast, started=False)
    return {"pk": c.pk, "entry_pk": c.entries.first().pk}


def timed_entry(cast):
    c = _competition(cast, format="timed", sport="cycling")
    return {"pk": c.pk, "entry_pk": c.entries.first().pk}


def api_match(cast):
    kw = with_match(cast)
    return {"competition_id": kw["pk"], "match_id": kw["match_pk"]}


def api_timed(cast):
    kw = timed_entry(cast)
    return {"competition_id": kw["pk"], "entry_id": kw["entry_pk"]}


ROUTES = [
    Route("competitions:list", expect=VIEW),
    Route("competitions:create", expect=MANAGE),
    Route("competitions:create", method="post", data={}, expect=MANAGE),
    Route("competitions:medals", expect=VIEW),
    Route("competitions:detail", kwargs=running, expect=VIEW_OBJ),
    Route("competitions:board", kwargs=running, expect=VIEW_OBJ),
    Route("competitions:results_docx", kwargs=running, expect=VIEW_OBJ),
    Route("competitions:certificates_docx", kwargs=running, expect=MANAGE_OBJ),
    Route("competitions:prizes", kwargs=running, expect=MANAGE_OBJ),
    Route("competitions:prizes", method="post", kwargs=running, data={}, expect=MANAGE_OBJ),
    Route("competitions:entry_add", method="post", kwargs=draft, data=lambda c: {"worker": c.workers["member"].pk},
          expect=POST_OBJ),
    Route("competitions:entries_import", method="post", kwargs=draft, expect=POST_OBJ),
    Route("competitions:entry_remove", method="post", kwargs=with_entry, expect=POST_OBJ),
    Route("competitions:start", method="post", kwargs=draft, expect=POST_OBJ),
    Route("competitions:result_record", method="post", kwargs=with_match, data={"result": "1-0"}, expect=POST_OBJ),
    Route("competitions:time_record", method="post", kwargs=timed_entry, data={"time": "1:00:00"}, expect=POST_OBJ),
    Route("competitions:pair_next", method="post", kwargs=running, expect=POST_OBJ),
    Route("competitions:finish", method="post", kwargs=running, expect=POST_OBJ),
    Route("competitions:lots", method="post", kwargs=running, expect=POST_OBJ),
    Route("api:competitions_list", expect=VIEW),
    Route("api:competitions_medals", expect=VIEW),
    Route("api:competitions_detail", kwargs=lambda c: {"competition_id": running(c)["pk"]}, expect=VIEW_OBJ),
    Route("api:competitions_result", method="post", json=True, kwargs=api_match, data={"result": "½-½"},
          expect=MANAGE_OBJ),
    Route("api:competitions_time", method="post", json=True, kwargs=api_timed, data={"time": "59:59"},
          expect=MANAGE_OBJ),
]


# --- the officers' pages through the API (issue 13) ---------------------------------------------------------------
def api_draft(cast):
    return {"competition_id": draft(cast)["pk"]}


def api_running(cast):
    return {"competition_id": running(cast)["pk"]}


def api_entry(cast):
    kw = with_entry(cast)
    return {"competition_id": kw["pk"], "entry_id": kw["entry_pk"]}


def api_step(step, make=api_running):
    return lambda cast: {**make(cast), "step": step}


def _rows(model):
    def probe(cast, kw):
        from django.apps import apps

        return apps.get_model("competitions", model).objects.count()
    return probe


ROUTES += [
    Route("api:competitions_list", method="post", json=True,
          data={"title": "象棋赛", "sport": "chess", "format": "round_robin", "held_on": "2026-05-01"},
          expect=by_perm("competitions.manage", ok=201), probe=_rows("Competition")),
    Route("api:competitions_entries", method="post", json=True, kwargs=api_draft,
          data=lambda c: {"worker_id": c.workers["group2_worker"].pk},
          expect=by_perm("competitions.manage", ok=201, outsider=404), probe=_rows("Entry")),
    Route("api:competitions_entry_remove", method="post", json=True, kwargs=api_entry,
          expect=MANAGE_OBJ, probe=_rows("Entry")),
    # a competition without an activity has no sign-ups to import
    Route("api:competitions_step", method="post", json=True, kwargs=api_step("entries-import", api_draft),
          expect=by_perm("competitions.manage", ok=422, outsider=404)),
    Route("api:competitions_step", method="post", json=True, kwargs=api_step("start", api_draft),
          expect=MANAGE_OBJ),
    Route("api:competitions_step", method="post", json=True, kwargs=api_step("pair-next"),
          expect=by_perm("competitions.manage", ok=409, outsider=404)),
    # games still without a result: not finished (the success is in test_api_officers)
    Route("api:competitions_step", method="post", json=True, kwargs=api_step("finish"),
          expect=by_perm("competitions.manage", ok=409, outsider=404)),
    Route("api:competitions_step", method="post", json=True, kwargs=api_step("lots"),
          expect=by_perm("competitions.manage", ok=409, outsider=404)),
    Route("api:competitions_prizes", method="post", json=True, kwargs=api_running,
          data={"tiers": [{"title": "一等奖", "count": 1, "amount": "100"}], "awarded_on": "2026-05-01"},
          expect=by_perm("competitions.manage", ok=409, outsider=404)),
]
