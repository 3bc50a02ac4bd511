"""Input of the evaluation's pages (the services decide who is eligible and what the quotas allow)."""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from unionhome.awards.models import HonourKind, Nominee, RewardForm
from unionhome.core.forms import BootstrapFormMixin
from unionhome.core.money import MoneyField
from unionhome.members.models import Worker
from unionhome.members.picker import PersonPicker
from unionhome.org.models import UnionGroup

DATE = forms.DateInput(attrs={"type": "date"})


class KindForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("荣誉名称"), max_length=50)
    nominee = forms.ChoiceField(label=_("评选对象"), choices=Nominee.choices, initial=Nominee.PERSON, required=False)
    reward_item = forms.CharField(label=_("奖品"), max_length=100, required=False)
    reward_value = MoneyField(label=_("奖品价值（元/人）"), required=False)
    reward_form = forms.ChoiceField(label=_("奖励形式"), choices=RewardForm.choices, initial=RewardForm.GOODS)
    quota_per_group = forms.IntegerField(label=_("每组名额上限"), min_value=1, max_value=20, required=False,
                                         help_text=_("留空则按规则设置"))
    quota_per_union = forms.IntegerField(label=_("全会名额上限（集体荣誉）"), min_value=1, max_value=50, required=False,
                                         help_text=_("评选工会小组时适用；留空则按规则设置"))


class RoundForm(BootstrapFormMixin, forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("名称"), max_length=100, required=False)
    kinds = forms.ModelMultipleChoiceField(label=_("评选的荣誉"), queryset=HonourKind.objects.none(),
                                           widget=forms.CheckboxSelectMultiple, required=False)

    def __init__(self, *args, union=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kinds"].queryset = HonourKind.objects.filter(union=union, active=True)


def _workers(union):
    return Worker.objects.filter(union=union).select_related("unit")


class NominationForm(BootstrapFormMixin, forms.Form):
    kind = forms.ModelChoiceField(label=_("荣誉"), queryset=HonourKind.objects.none())
    worker = forms.ModelChoiceField(label=_("推荐人选"), queryset=Worker.objects.none(), widget=PersonPicker())
    discussion = forms.CharField(label=_("小组讨论意见"), max_length=500, required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    votes_for = forms.IntegerField(label=_("赞成票（可不填）"), min_value=0, required=False)
    voters = forms.IntegerField(label=_("参加投票人数（可不填）"), min_value=1, required=False)

    def __init__(self, *args, round=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = round.kinds.filter(nominee=Nominee.PERSON)
        kinds = list(round.kinds.filter(nominee=Nominee.PERSON)[:2])
        if len(kinds) == 1:  # the usual round (先进工作者 only): nothing to choose on the phone
            self.fields["kind"].initial = kinds[0].pk
            self.fields["kind"].empty_label = None
        self.fields["worker"].queryset = _workers(round.union)


class GroupNominationForm(BootstrapFormMixin, forms.Form):
    """A group nominated for a group honour (优秀工会小组): any group by the committee, a leader's own group."""

    kind = forms.ModelChoiceField(label=_("集体荣誉"), queryset=HonourKind.objects.none(), empty_label=None)
    group = forms.ModelChoiceField(label=_("推荐小组"), queryset=UnionGroup.objects.none())
    discussion = forms.CharField(label=_("推荐理由"), max_length=500, required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, round=None, group_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = round.kinds.filter(nominee=Nominee.GROUP)
        groups = UnionGroup.objects.filter(union=round.union)
        self.fields["group"].queryset = groups if group_ids is None else groups.filter(pk__in=group_ids)
        if group_ids is not None:  # a group leader puts forward one of their own groups: nothing empty to pick
            self.fields["group"].empty_label = None


class ExclusionForm(BootstrapFormMixin, forms.Form):
    worker = forms.ModelChoiceField(label=_("职工"), queryset=Worker.objects.none(), widget=PersonPicker())
    ground = forms.ChoiceField(label=_("不参评原因"))
    note = forms.CharField(label=_("说明"), max_length=200, required=False)

    def __init__(self, *args, round=None, grounds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = _workers(round.union)
        self.fields["ground"].choices = [(g, g) for g in grounds]


class DecideForm(BootstrapFormMixin, forms.Form):
    chosen = forms.TypedMultipleChoiceField(label=_("评定人选"), coerce=int, widget=forms.CheckboxSelectMultiple)
    decision = forms.ModelChoiceField(label=_("委员会会议的决定"), queryset=None, required=False,
                                      help_text=_("在“会议”中记录的委员会会议决定"))
    meeting_ref = forms.CharField(label=_("或：评定会议（未在本系统记录的会议）"), max_length=200, required=False,
                                  help_text=_("如“2026年第5次工会委员会会议”"))
    meeting_on = forms.DateField(label=_("会议日期"), widget=DATE, required=False)

    def __init__(self, *args, nominations=(), round=None, **kwargs):
        from unionhome.meetings.models import Decision, Meeting

        super().__init__(*args, **kwargs)
        self.fields["chosen"].choices = [(n.pk, f"{n.group.name} {n.kind.name} {n.nominee_name}") for n in nominations]
        self.fields["decision"].queryset = (
            Decision.objects.filter(union=round.union, outcome=Decision.Outcome.ADOPTED,
                                    item__meeting__kind__in=[Meeting.Kind.COMMITTEE, Meeting.Kind.SPECIAL,
                                                             Meeting.Kind.JOINT],
                                    item__meeting__held_on__year__gte=round.year)
            .select_related("item__meeting").order_by("-item__meeting__held_on", "-pk")) if round else \
            Decision.objects.none()
        self.fields["decision"].label_from_instance = lambda d: gettext("%(day)s %(meeting)s：%(text)s") % {
            "day": format(d.item.meeting.held_on, "%Y-%m-%d"), "meeting": d.item.meeting.title, "text": d.text[:30]}


class PublishForm(BootstrapFormMixin, forms.Form):
    starts_on = forms.DateField(label=_("公示开始日期"), widget=DATE)


class ObjectionForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("异议理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class AnswerForm(BootstrapFormMixin, forms.Form):
    answer = forms.CharField(label=_("答复意见"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    upheld = forms.BooleanField(label=_("异议成立，撤销该荣誉"), required=False)


class RewardBookForm(BootstrapFormMixin, forms.Form):
    on = forms.DateField(label=_("发放日期"), widget=DATE)
