from django.shortcuts import render

from unionhome.committees.queries import current_terms, structure_warnings, term_positions
from unionhome.core.permissions import require


@require("org.view")
def committee_home(request):
    union = request.ctx.union
    terms = [(term, list(term_positions(term))) for term in current_terms(union)]
    return render(request, "committees/home.html", {"terms": terms, "warnings": structure_warnings(union)})
