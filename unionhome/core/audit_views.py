from django.core.paginator import Paginator
from django.shortcuts import render

from unionhome.core.models import AuditEntry
from unionhome.core.permissions import require


@require("audit.view")
def audit_list(request):
    qs = AuditEntry.objects.filter(union=request.ctx.union)
    action = request.GET.get("action", "").strip()
    actor = request.GET.get("actor", "").strip()
    if action:
        qs = qs.filter(action__startswith=action)
    if actor:
        qs = qs.filter(actor_name__icontains=actor)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "core/audit_list.html", {"page": page, "action": action, "actor": actor})
