"""The answer of a burst path (a sign-up, a ballot): its body rendered by django-ninja's own JSON renderer, without
validating it against the operation's response schema — the validation cost a measurable share of a request that
runs hundreds of times a second (docs/benchmarks.md, P5 and P6). Each use has a test comparing its bytes, status and
content type with what django-ninja renders through the schema."""
from __future__ import annotations

from django.http import HttpResponse
from ninja.renderers import JSONRenderer

_RENDER = JSONRenderer()


def json_answer(request, body: dict, *, status: int) -> HttpResponse:
    return HttpResponse(_RENDER.render(request, body, response_status=status), status=status,
                        content_type=f"{_RENDER.media_type}; charset={_RENDER.charset}")
