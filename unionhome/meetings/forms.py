"""Input of the meeting and rules-library pages (the API has its schemas in ``api.py``)."""
from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from unionhome.core.forms import BootstrapFormMixin, DateInput
from unionhome.meetings.models import AgendaItem, Attendee, Decision, Goal, Meeting, Regulation
from unionhome.members.models import Worker
from unionhome.members.picker import PersonPicker
from unionhome.org.models import UnionGroup


class MeetingForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("会议类别"), choices=Meeting.Kind.choices)
    title = forms.CharField(label=_("会议名称"), max_length=120)
    held_on = forms.DateField(label=_("会议日期"), widget=DateInput())
    place = forms.CharField(label=_("地点"), max_length=100, required=False)
    group = forms.ModelChoiceField(label=_("工会小组（小组会议）"), queryset=None, required=False)
    chaired_by = forms.ModelChoiceField(label=_("主持人"), queryset=None, required=False, widget=PersonPicker())
    recorded_by = forms.ModelChoiceField(label=_("记录人"), queryset=None, required=False, widget=PersonPicker())

    def __init__(self, *args, union, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = UnionGroup.objects.for_union(union).order_by("name")
        for name in ("chaired_by", "recorded_by"):
            self.fields[name].queryset = Worker.objects.for_union(union)


class AgendaItemForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("议题"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("议题类别"), choices=AgendaItem.Kind.choices, initial=AgendaItem.Kind.ITEM)
    notes = forms.CharField(label=_("讨论情况"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class NotesForm(BootstrapFormMixin, forms.Form):
    notes = forms.CharField(label=_("讨论情况"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class AttendanceForm(forms.Form):
    status = forms.ChoiceField(choices=[(s, s) for s in (Attendee.Status.PRESENT, Attendee.Status.LEAVE,
                                                         Attendee.Status.ABSENT)])


class AttendeeForm(BootstrapFormMixin, forms.Form):
    worker = forms.ModelChoiceField(label=_("增加参会人员"), queryset=None, widget=PersonPicker())

    def __init__(self, *args, union, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = Worker.objects.for_union(union)


class DecisionForm(BootstrapFormMixin, forms.Form):
    text = forms.CharField(label=_("决定事项"), widget=forms.Textarea(attrs={"rows": 2}))
    outcome = forms.ChoiceField(label=_("表决结果"), choices=Decision.Outcome.choices)
    votes_for = forms.IntegerField(label=_("赞成"), min_value=0, required=False)
    votes_against = forms.IntegerField(label=_("反对"), min_value=0, required=False)
    votes_abstain = forms.IntegerField(label=_("弃权"), min_value=0, required=False)
    owner = forms.ModelChoiceField(label=_("责任人"), queryset=None, required=False, widget=PersonPicker())
    due_on = forms.DateField(label=_("完成期限"), required=False, widget=DateInput())

    def __init__(self, *args, union, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Worker.objects.for_union(union)


class DoneForm(BootstrapFormMixin, forms.Form):
    note = forms.CharField(label=_("落实情况"), max_length=2000)
    on = forms.DateField(label=_("落实日期"), required=False, widget=DateInput())


class CloseForm(BootstrapFormMixin, forms.Form):
    summary = forms.CharField(label=_("会议纪要正文（可选）"), required=False, widget=forms.Textarea(attrs={"rows": 4}))


class ScanForm(forms.Form):
    scan = forms.FileField(label=_("签字纪要扫描件"))


class RegulationForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=Regulation.Kind.choices)
    title = forms.CharField(label=_("制度名称"), max_length=120)
    text = forms.CharField(label=_("正文"), widget=forms.Textarea(attrs={"rows": 12}))
    effective_on = forms.DateField(label=_("施行日期"), widget=DateInput())
    decision = forms.ModelChoiceField(label=_("通过该制度的会议决定"), queryset=None, required=False)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)

    def __init__(self, *args, decisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = decisions
        self.fields["decision"].label_from_instance = decision_label


class VersionForm(RegulationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["kind"]
        del self.fields["title"]
        self.fields["note"].label = _("修订说明")


class GoalForm(BootstrapFormMixin, forms.Form):
    worker = forms.ModelChoiceField(label=_("委员"), queryset=None)
    text = forms.CharField(label=_("目标"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, union, year, **kwargs):
        super().__init__(*args, **kwargs)
        from unionhome.meetings.queries import committee_members

        self.fields["worker"].queryset = committee_members(union, year=year)


class GoalStatusForm(forms.Form):
    status = forms.ChoiceField(choices=Goal.Status.choices)


def this_year() -> int:
    return timezone.localdate().year


def decision_label(d: Decision) -> str:
    return gettext("%(date)s %(meeting)s：%(text)s") % {
        "date": d.item.meeting.held_on.isoformat(), "meeting": d.item.meeting.title, "text": d.text[:30]}
