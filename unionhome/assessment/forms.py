"""Input of the self-assessment pages (every 400 comes from here; the rules live in the services)."""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from unionhome.assessment.models import Choice
from unionhome.core.forms import BootstrapFormMixin, QuantityField


class YearForm(BootstrapFormMixin, forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)


class ScoreForm(BootstrapFormMixin, forms.Form):
    points = QuantityField(label=_("得分"))
    note = forms.CharField(label=_("说明（佐证反映的情况）"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class EvidenceForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label=_("佐证文件（PDF 或图片）"))


class WeightForm(BootstrapFormMixin, forms.Form):
    code = forms.CharField(label=_("评分项目编号"), max_length=20)
    points = QuantityField(label=_("分值"), max_value=100)
    effective_from = forms.DateField(label=_("生效日期"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("依据（如委员会决定）"), max_length=300)


class SurveyForm(BootstrapFormMixin, forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("标题"), max_length=120)
    questions = forms.CharField(label=_("问题（每行一个）"), widget=forms.Textarea(attrs={"rows": 6}), max_length=3000)

    def clean_questions(self) -> list[str]:
        return [q.strip() for q in self.cleaned_data["questions"].splitlines() if q.strip()]


class AnswerForm(BootstrapFormMixin, forms.Form):
    """One choice (and an optional comment) per question of the survey."""

    def __init__(self, *args, questions: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for i, text in enumerate(questions):
            self.fields[f"q{i}"] = forms.ChoiceField(label=f"{i + 1}. {text}", choices=Choice.choices,
                                                     widget=forms.RadioSelect)
            self.fields[f"c{i}"] = forms.CharField(label=_("意见（可选）"), required=False, max_length=300)

    def answers(self) -> tuple[list[str], list[str]]:
        d = self.cleaned_data
        return ([d[f"q{i}"] for i in range(len(self.questions))], [d[f"c{i}"] for i in range(len(self.questions))])
