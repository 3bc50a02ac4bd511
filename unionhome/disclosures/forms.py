"""Input of the disclosure and inspection pages (every 400 comes from here; the rules live in the services)."""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from unionhome.core.forms import BootstrapFormMixin, DateInput, MultipleImageField
from unionhome.disclosures.models import DisclosureItem, Inspection, InspectionCheck


def _person(u) -> str:
    worker = getattr(getattr(u, "profile", None), "worker", None)
    return getattr(worker, "name", "") or u.get_full_name() or u.username


class ItemForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("公开事项"), max_length=120)
    kind = forms.ChoiceField(label=_("类别"), choices=DisclosureItem.Kind.choices)
    publisher = forms.CharField(label=_("公开主体"), max_length=60, initial=_("工会委员会"))
    place = forms.ChoiceField(label=_("公开载体"), choices=DisclosureItem.Place.choices)
    content = forms.CharField(label=_("公开内容"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8}))
    published_on = forms.DateField(label=_("公开日期"), widget=DateInput(), required=False)


class ReviseForm(BootstrapFormMixin, forms.Form):
    content = forms.CharField(label=_("新版公开内容"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8}))
    note = forms.CharField(label=_("修订说明"), max_length=300)
    place = forms.ChoiceField(label=_("公开载体"), choices=DisclosureItem.Place.choices)


class InspectionForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("检查方式"), choices=Inspection.Kind.choices)
    planned_on = forms.DateField(label=_("计划日期"), widget=DateInput())
    inspectors = forms.ModelMultipleChoiceField(label=_("检查人"), queryset=None, widget=forms.CheckboxSelectMultiple)
    reinspection_of = forms.ModelChoiceField(label=_("复查的检查（整改复查时选择）"), queryset=None, required=False)

    def __init__(self, *args, inspectors, inspections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspectors"].queryset = inspectors
        self.fields["inspectors"].label_from_instance = _person
        self.fields["reinspection_of"].queryset = inspections


class CheckForm(BootstrapFormMixin, forms.Form):
    result = forms.ChoiceField(label=_("结果"), choices=[(InspectionCheck.Result.OK, _("符合")),
                                                         (InspectionCheck.Result.PROBLEM, _("有问题"))])
    note = forms.CharField(label=_("说明"), max_length=300, required=False)


class FindingForm(BootstrapFormMixin, forms.Form):
    item = forms.ModelChoiceField(label=_("公开事项"), queryset=None, required=False, empty_label=_("（整体）"))
    text = forms.CharField(label=_("发现的问题"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    photos = MultipleImageField(label=_("照片"), required=False)
    demand = forms.CharField(label=_("整改要求"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.ModelChoiceField(label=_("整改责任人"), queryset=None, required=False)
    deadline = forms.DateField(label=_("整改期限"), widget=DateInput(), required=False)

    def __init__(self, *args, items, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items
        self.fields["owner"].queryset = owners


class FinishForm(BootstrapFormMixin, forms.Form):
    summary = forms.CharField(label=_("检查结论"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class CloseForm(BootstrapFormMixin, forms.Form):
    note = forms.CharField(label=_("复查意见"), max_length=300, required=False)
