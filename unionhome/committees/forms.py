from django import forms
from django.utils.translation import gettext_lazy as _

from unionhome.committees.models import Committee, Position
from unionhome.core.forms import BootstrapFormMixin, DateInput


class TermForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("委员会"), choices=Committee.Kind.choices)
    number = forms.IntegerField(label=_("届次"), min_value=1)
    starts_on = forms.DateField(label=_("任期开始"), widget=DateInput)
    years = forms.IntegerField(label=_("任期年限"), min_value=1, max_value=10, initial=5)
    seats = forms.IntegerField(label=_("委员名额"), min_value=1, max_value=99)
    organiser = forms.BooleanField(label=_("会员不足25人：选举组织员，不设委员会（名额填1）"), required=False)


class ApprovalForm(BootstrapFormMixin, forms.Form):
    approved_on = forms.DateField(label=_("批复日期"), widget=DateInput)
    approval_document = forms.CharField(label=_("批复文号"), max_length=100)
    approved_by = forms.CharField(label=_("批复单位"), max_length=100)


class PositionForm(BootstrapFormMixin, forms.Form):
    worker = forms.IntegerField(label=_("人员"), widget=forms.Select)
    title = forms.ChoiceField(label=_("职务"), choices=Position.Title.choices)
    started_on = forms.DateField(label=_("任职日期"), widget=DateInput)

    def __init__(self, *args, workers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].widget.choices = [(w.pk, w.name) for w in workers]


class PositionEndForm(BootstrapFormMixin, forms.Form):
    on = forms.DateField(label=_("离任日期"), widget=DateInput)
    reason = forms.CharField(label=_("离任原因"), max_length=200)
    votes_for = forms.IntegerField(label=_("罢免赞成票"), min_value=0, required=False)
    voters_total = forms.IntegerField(label=_("全体代表人数"), min_value=1, required=False)


class RescheduleForm(BootstrapFormMixin, forms.Form):
    approved_on = forms.DateField(label=_("批复日期"), widget=DateInput)
    hold_by = forms.DateField(label=_("换届选举期限"), widget=DateInput)
    approval_document = forms.CharField(label=_("批复文号"), max_length=100)
    approved_by = forms.CharField(label=_("批复单位"), max_length=100)
