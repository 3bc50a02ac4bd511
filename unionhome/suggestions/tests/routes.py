"""Every suggestions route × every role. ``suggestions.view`` (submit, board, rate one's own): every role of the
union but the federation; ``suggestions.manage``: committee, chair, admin. The outsider (another union's chair)
sees their own board and gets 404 for our suggestions."""
import itertools

from django.core.files.uploadedfile import SimpleUploadedFile

from unionhome.core.testing.images import PNG
from unionhome.core.testing.matrix import ROLES, Route, by_perm

_n = itertools.count(1)
ONLY_MEMBER = {r: r == "member" for r in [*ROLES, "anonymous"]}  # only the author's own write changes anything


def _suggestion(cast, answered=False, outcome="adopted"):
    from unionhome.suggestions.services import suggestion_answer, suggestion_submit

    s = suggestion_submit(actor=cast.users["member"], union=cast.union, title=f"矩阵建议{next(_n)}", text="内容",
                          category="welfare", photos=[SimpleUploadedFile("a.png", PNG)])
    if answered:
        suggestion_answer(actor=cast.users["chair"], suggestion=s, outcome=outcome, answer="答复")
    return s


def pk(cast):
    return {"pk": _suggestion(cast).pk}


def answered_pk(cast):
    return {"pk": _suggestion(cast, answered=True).pk}


def photo_pk(cast):
    return {"pk": _suggestion(cast).photos.get().pk}


def api_id(cast):
    return {"suggestion_id": _suggestion(cast).pk}


def api_answered(cast):
    return {"suggestion_id": _suggestion(cast, answered=True).pk}


def api_photo(cast):
    s = _suggestion(cast)
    return {"suggestion_id": s.pk, "photo_id": s.photos.get().pk}


def _ours(cast, kw):
    from unionhome.suggestions.models import Suggestion

    return Suggestion.objects.filter(union=cast.union).count()


def _field(name):
    def probe(cast, kw):
        from unionhome.suggestions.models import Suggestion

        return getattr(Suggestion.objects.get(pk=kw.get("pk") or kw["suggestion_id"]), name)
    return probe


def _photos(cast, kw):
    from unionhome.suggestions.models import SuggestionPhoto

    return SuggestionPhoto.objects.filter(suggestion_id=kw["suggestion_id"]).count()


def _assignee(cast):
    return {"assignee": cast.users["committee"].pk}


VIEW = by_perm("suggestions.view")
VIEW_OBJ = by_perm("suggestions.view", outsider=404)
MANAGE = by_perm("suggestions.manage")
MANAGE_POST = by_perm("suggestions.manage", ok=302, outsider=404)
MANAGE_API = by_perm("suggestions.manage", outsider=404)
SUGGEST = {"title": "矩阵建议", "text": "内容", "category": "welfare"}

ROUTES = [
    Route("suggestions:board", expect=VIEW),
    Route("suggestions:mine", expect=VIEW),
    Route("suggestions:new", expect=VIEW),
    # the outsider submits into their own union: nothing changes in ours
    Route("suggestions:new", method="post", data=SUGGEST, expect=by_perm("suggestions.view", ok=302), probe=_ours,
          changes={"outsider": False}),
    Route("suggestions:export", expect=MANAGE),
    Route("suggestions:detail", kwargs=pk, expect=VIEW_OBJ),
    Route("suggestions:photo", kwargs=photo_pk, expect=VIEW_OBJ),
    Route("suggestions:assign", kwargs=pk, method="post", data=_assignee, expect=MANAGE_POST,
          probe=_field("assignee_id")),
    Route("suggestions:answer", kwargs=pk, method="post", data={"outcome": "noted", "answer": "留作参考"},
          expect=MANAGE_POST, probe=_field("status")),
    Route("suggestions:progress", kwargs=answered_pk, method="post", data={"note": "进展"}, expect=MANAGE_POST,
          probe=_field("status")),
    # every role may post a rating; only the author's counts (others are told they are not the author)
    Route("suggestions:rate", kwargs=answered_pk, method="post", data={"rating": "4"},
          expect=by_perm("suggestions.view", ok=302, outsider=404), probe=_field("rating"), changes=ONLY_MEMBER),
    # API
    Route("api:suggestions_board", expect=VIEW),
    Route("api:suggestions_mine", expect=VIEW),
    Route("api:suggestions_submit", method="post", json=True, data=SUGGEST,
          expect=by_perm("suggestions.view", ok=201), probe=_ours, changes={"outsider": False}),
    Route("api:suggestions_export", expect=MANAGE),
    Route("api:suggestions_detail", kwargs=api_id, expect=VIEW_OBJ),
    Route("api:suggestions_photo", kwargs=api_photo, expect=VIEW_OBJ),
    Route("api:suggestions_photo_add", kwargs=api_id, method="post",
          data=lambda c: {"photo": SimpleUploadedFile("b.png", PNG)},
          expect=by_perm("suggestions.view", ok=422, outsider=404, member=201), probe=_photos, changes=ONLY_MEMBER),
    Route("api:suggestions_assign", kwargs=api_id, method="post", json=True,
          data=lambda c: {"assignee_id": c.users["committee"].pk}, expect=MANAGE_API, probe=_field("assignee_id")),
    Route("api:suggestions_answer", kwargs=api_id, method="post", json=True,
          data={"outcome": "noted", "answer": "留作参考"}, expect=MANAGE_API, probe=_field("status")),
    Route("api:suggestions_progress", kwargs=api_answered, method="post", json=True, data={"note": "进展"},
          expect=MANAGE_API, probe=_field("status")),
    Route("api:suggestions_rate", kwargs=api_answered, method="post", json=True, data={"rating": 4},
          expect=by_perm("suggestions.view", ok=422, outsider=404, member=200), probe=_field("rating"),
          changes=ONLY_MEMBER),
]
