from django import forms
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from unionhome.core.audit_labels import action_choices, action_label, change_rows, note_text
from unionhome.core.forms import BootstrapFormMixin, DateInput
from unionhome.core.models import AuditEntry
from unionhome.core.permissions import require


class AuditFilterForm(BootstrapFormMixin, forms.Form):
    action = forms.ChoiceField(label=_("操作"), required=False)
    actor = forms.ChoiceField(label=_("操作人"), required=False)
    target = forms.CharField(label=_("对象"), required=False)
    start = forms.DateField(label=_("起始日期"), required=False, widget=DateInput)
    end = forms.DateField(label=_("截止日期"), required=False, widget=DateInput)

    def __init__(self, *args, union=None, **kwargs):
        super().__init__(*args, **kwargs)
        trail = AuditEntry.objects.filter(union=union)
        self.fields["action"].choices = action_choices(list(trail.values_list("action", flat=True).distinct()
                                                            .order_by()))
        people = get_user_model().objects.filter(pk__in=trail.values("actor_id")).order_by("first_name", "username")
        self.fields["actor"].choices = [("", _("全部人员"))] + [
            (u.username, gettext("%(get_full_name)s（%(username)s）") % {"get_full_name": u.get_full_name(), "username": u.username} if u.get_full_name() else u.username) for u in people]


def audit_filter(qs, *, action="", actor="", target="", start=None, end=None):
    """Action: a whole domain ("care.") or one code; actor by login; target by substring; dates inclusive
    (local days)."""
    if action:
        qs = qs.filter(action__startswith=action) if action.endswith(".") else qs.filter(action=action)
    if actor:
        qs = qs.filter(actor__username=actor)
    if target:
        qs = qs.filter(target_label__icontains=target.strip())
    if start:
        qs = qs.filter(at__date__gte=start)
    if end:
        qs = qs.filter(at__date__lte=end)
    return qs


@require("audit.view")
def audit_list(request):
    form = AuditFilterForm(request.GET, union=request.ctx.union)
    form.is_valid()  # a malformed field is dropped; the valid ones still filter
    filters = {k: v for k, v in form.cleaned_data.items() if k in form.fields}
    qs = audit_filter(AuditEntry.objects.filter(union=request.ctx.union).select_related("actor"), **filters)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    for entry in page:
        entry.action_label = action_label(entry.action)
        entry.changes = change_rows(entry)
        entry.note_text = note_text(entry)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "core/audit_list.html", {"page": page, "form": form, "query": query.urlencode()})
