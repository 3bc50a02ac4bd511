"""Input of the suggestion pages (every 400 comes from here; the rules live in the services)."""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from unionhome.core.forms import BootstrapFormMixin, MultipleImageField
from unionhome.org.models import UnionGroup
from unionhome.suggestions.models import Category, Suggestion


class SuggestionForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label=_("标题"), max_length=120)
    category = forms.ChoiceField(label=_("类别"), choices=Category.choices)
    text = forms.CharField(label=_("建议内容"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6}),
                           help_text=_("写明现状、问题和建议的做法"))
    photos = MultipleImageField(label=_("照片（可选）"), required=False)
    anonymous = forms.BooleanField(label=_("对委员会匿名（工会仍知道是您，答复只发给您）"), required=False)
    group = forms.ModelChoiceField(label=_("代表工会小组提出"), queryset=UnionGroup.objects.none(), required=False,
                                   empty_label=_("以个人名义"))

    def __init__(self, *args, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        if groups is None or not groups.exists():
            del self.fields["group"]
        else:
            self.fields["group"].queryset = groups


class AssignForm(BootstrapFormMixin, forms.Form):
    assignee = forms.ModelChoiceField(label=_("承办人"), queryset=None)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = choices
        self.fields["assignee"].label_from_instance = lambda u: (
            getattr(getattr(getattr(u, "profile", None), "worker", None), "name", "") or u.get_full_name() or u.username)


class AnswerForm(BootstrapFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("评估结论"), choices=Suggestion.Outcome.choices)
    answer = forms.CharField(label=_("答复"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    reason = forms.CharField(label=_("理由（不予采纳时必填）"), max_length=2000, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))


class ProgressForm(BootstrapFormMixin, forms.Form):
    note = forms.CharField(label=_("落实情况"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    done = forms.BooleanField(label=_("已落实完毕"), required=False)


class RateForm(BootstrapFormMixin, forms.Form):
    rating = forms.TypedChoiceField(label=_("对答复的评价"), coerce=int,
                                    choices=[(5, _("非常满意")), (4, _("满意")), (3, _("基本满意")), (2, _("不太满意")),
                                             (1, _("不满意"))], widget=forms.RadioSelect)
    note = forms.CharField(label=_("意见（可选）"), max_length=300, required=False)


class YearForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100, required=False)
    status = forms.ChoiceField(choices=[("", "")] + list(Suggestion.Status.choices), required=False)
