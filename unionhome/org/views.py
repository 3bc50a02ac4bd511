from django.db.models import Count, Q
from django.shortcuts import render

from unionhome.core.permissions import require
from unionhome.members.choices import MembershipStatus
from unionhome.org.models import UnionGroup, Unit


@require("org.view")
def org_home(request):
    union = request.ctx.union
    active = Q(workers__membership__status=MembershipStatus.ACTIVE)
    units = Unit.objects.filter(union=union).annotate(members=Count("workers", filter=active))
    groups = (UnionGroup.objects.filter(union=union).select_related("leader", "unit")
              .annotate(members=Count("workers", filter=active)))
    return render(request, "org/home.html", {"union": union, "units": units, "groups": groups})
