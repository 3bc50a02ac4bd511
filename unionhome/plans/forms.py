"""Input of the plan pages (the API has its schemas in ``api.py``)."""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from unionhome.core import figures as figure_registry
from unionhome.core.forms import BootstrapFormMixin, DateInput
from unionhome.meetings.forms import decision_label
from unionhome.meetings.models import Decision, Goal
from unionhome.meetings.queries import adopted_decisions, committee_members
from unionhome.org.models import UnionGroup
from unionhome.plans import linkable
from unionhome.plans.models import Area, Entry


def figure_choices():
    return [("", _("（不设考核指标）"))] + [(f.key, gettext("%(name)s（%(key)s）") % {"name": f.name, "key": f.key}) for f in figure_registry.figures()
                                           if not f.is_rate]


class ItemForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("工作事项"), max_length=200)
    area = forms.ChoiceField(label=_("工作类别"), choices=Area.choices)
    owners = forms.ModelMultipleChoiceField(label=_("责任委员"), queryset=None, required=False,
                                            widget=forms.CheckboxSelectMultiple)
    groups = forms.ModelMultipleChoiceField(label=_("责任小组"), queryset=None, required=False,
                                            widget=forms.CheckboxSelectMultiple)
    target = forms.CharField(label=_("目标（文字）"), max_length=200, required=False)
    figure_key = forms.ChoiceField(label=_("考核指标（平台统计）"), required=False)
    target_value = forms.IntegerField(label=_("目标值"), required=False, min_value=0, max_value=10**9)
    deadline = forms.DateField(label=_("完成期限"), required=False, widget=DateInput())

    def __init__(self, *args, union, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owners"].queryset = committee_members(union, year=year)
        self.fields["groups"].queryset = UnionGroup.objects.for_union(union).order_by("name")
        self.fields["figure_key"].choices = figure_choices()


class AdoptForm(BootstrapFormMixin, forms.Form):
    adopted_on = forms.DateField(label=_("通过日期"), widget=DateInput())
    decision = forms.ModelChoiceField(label=_("通过计划的会议决定"), queryset=Decision.objects.none(), required=False)

    def __init__(self, *args, union, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = adopted_decisions(union)
        self.fields["decision"].label_from_instance = decision_label


class ReviewForm(BootstrapFormMixin, forms.Form):
    checked_on = forms.DateField(label=_("检查日期"), widget=DateInput())
    note = forms.CharField(label=_("总体情况"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class EntryForm(BootstrapFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("完成情况"), choices=[c for c in Entry.Status.choices if c[0] != "pending"])
    comment = forms.CharField(label=_("责任人说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    reason = forms.CharField(label=_("取消理由"), max_length=300, required=False)


class LinkForm(forms.Form):
    kind = forms.ChoiceField(choices=[])
    object_id = forms.IntegerField(min_value=1, max_value=2**62)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.key, k.label) for k in linkable.kinds()]


class SearchForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("记录类别"), choices=[])
    q = forms.CharField(label=_("关键词"), max_length=60, required=False)
    start = forms.DateField(label=_("从"), required=False, widget=DateInput())
    end = forms.DateField(label=_("到"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.key, k.label) for k in linkable.kinds()]


class GoalLinkForm(BootstrapFormMixin, forms.Form):
    goal = forms.ModelChoiceField(label=_("委员年度目标"), queryset=Goal.objects.none())

    def __init__(self, *args, union, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = Goal.objects.for_union(union).filter(year=year).select_related("worker")
        self.fields["goal"].label_from_instance = lambda g: gettext("%(name)s：%(text)s") % {
            "name": g.worker.name, "text": g.text[:40]}

