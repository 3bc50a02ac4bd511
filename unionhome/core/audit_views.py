from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from unionhome.core.forms import BootstrapFormMixin, DateInput
from unionhome.core.models import AuditEntry
from unionhome.core.permissions import require


class AuditFilterForm(BootstrapFormMixin, forms.Form):
    action = forms.CharField(label=_("操作"), required=False,
                             widget=forms.TextInput(attrs={"placeholder": _("操作（如 members.）")}))
    actor = forms.CharField(label=_("操作人"), required=False)
    target = forms.CharField(label=_("对象"), required=False)
    start = forms.DateField(label=_("起始日期"), required=False, widget=DateInput)
    end = forms.DateField(label=_("截止日期"), required=False, widget=DateInput)


def audit_filter(qs, *, action="", actor="", target="", start=None, end=None):
    """Action by prefix, actor and target by substring, dates inclusive (local days)."""
    if action:
        qs = qs.filter(action__startswith=action.strip())
    if actor:
        qs = qs.filter(actor_name__icontains=actor.strip())
    if target:
        qs = qs.filter(target_label__icontains=target.strip())
    if start:
        qs = qs.filter(at__date__gte=start)
    if end:
        qs = qs.filter(at__date__lte=end)
    return qs


@require("audit.view")
def audit_list(request):
    form = AuditFilterForm(request.GET)
    form.is_valid()  # a malformed field is dropped; the valid ones still filter
    filters = form.cleaned_data
    qs = audit_filter(AuditEntry.objects.filter(union=request.ctx.union), **filters)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "core/audit_list.html", {"page": page, "form": form, "query": query.urlencode()})
