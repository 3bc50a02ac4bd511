from unionhome.core.nav import items_for
from unionhome.core.permissions import ANONYMOUS


def union_context(request):
    ctx = getattr(request, "ctx", ANONYMOUS)
    return {"ctx": ctx, "perms_set": ctx.perms, "nav_items": items_for(ctx) if ctx.is_authenticated else []}
