"""Pages of the rule book: every rule figure in force with its source and date, its history, and the form that
sets a union's or a province's value from a date on (``core.rulebook``)."""
from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from unionhome.core import rulebook
from unionhome.core.forms import BootstrapFormMixin, DateInput
from unionhome.core.permissions import require
from unionhome.core.provinces import PROVINCES
from unionhome.core.views import form_page


class RuleSetForm(BootstrapFormMixin, forms.Form):
    scope = forms.ChoiceField(label=gettext_lazy("适用范围"))
    province = forms.ChoiceField(label=gettext_lazy("省份"), required=False,
                                 choices=[("", "—")] + [(p, p) for p in PROVINCES])
    value = forms.CharField(label=gettext_lazy("新数值"), max_length=4000)
    effective_from = forms.DateField(label=gettext_lazy("生效日期"), widget=DateInput())
    source = forms.CharField(label=gettext_lazy("依据（文件名称、文号或会议决定）"), max_length=300)
    reason = forms.CharField(label=gettext_lazy("调整理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, ctx, row, **kwargs):
        super().__init__(*args, **kwargs)
        scopes = []
        if ctx.has("rules.set_union"):
            scopes.append(("union", _("本工会（%(union)s）") % {"union": ctx.union}))
        if ctx.has("rules.set_province"):
            scopes.append(("province", _("全省")))
        self.fields["scope"].choices = scopes
        if not ctx.has_role("admin"):
            del self.fields["province"]
        self.fields["effective_from"].initial = timezone.localdate()
        self.fields["value"].initial = row.value_text
        if row.kind in ("list", "mapping"):
            self.fields["value"].widget = forms.Textarea(attrs={"rows": 4, "class": "form-control font-monospace"})
            self.fields["value"].help_text = _("按 JSON 格式填写（列表也可用逗号分隔）")
        else:
            self.fields["value"].help_text = _("类型：%(kind)s") % {"kind": row.kind_label}


def _row_or_404(request, key: str):
    try:
        return rulebook.rule_row(key, union=request.ctx.union)
    except KeyError:
        raise Http404 from None


def _may_set(ctx) -> bool:
    return ctx.has("rules.set_union") or ctx.has("rules.set_province")


@require("rules.view")
def rule_list(request):
    q, origin = request.GET.get("q", "")[:100], request.GET.get("origin", "")
    return render(request, "core/rule_list.html", {
        "rows": rulebook.rule_rows(union=request.ctx.union, q=q, origin=origin), "q": q, "origin": origin,
        "origins": rulebook.ORIGIN_LABELS.items()})


@require("rules.view")
def rule_detail(request, key: str):
    row = _row_or_404(request, key)
    form = RuleSetForm(ctx=request.ctx, row=row) if _may_set(request.ctx) else None
    return render(request, "core/rule_detail.html", {
        "row": row, "form": form, "history": rulebook.rule_history(key, union=request.ctx.union)})


@require_POST
@require("rules.view")
def rule_set(request, key: str):
    row = _row_or_404(request, key)
    if not _may_set(request.ctx):
        raise PermissionDenied
    form = RuleSetForm(request.POST, ctx=request.ctx, row=row)

    def set_rule(d):
        return rulebook.rule_setting_set(ctx=request.ctx, key=key, scope=d["scope"], value=d["value"],
                                         effective_from=d["effective_from"], source=d["source"], reason=d["reason"],
                                         province=d.get("province", ""))

    return form_page(request, form, set_rule, template="core/rule_detail.html",
                     context=lambda: {"row": row, "history": rulebook.rule_history(key, union=request.ctx.union)},
                     ok=lambda _setting: _("已设置：自%(day)s起施行") % {
                         "day": form.cleaned_data["effective_from"].isoformat()},
                     to=lambda _setting: redirect("rules:detail", key=key))
