from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from unionhome.core.forms import BootstrapFormMixin, QuantityField
from unionhome.members.models import Worker
from unionhome.members.picker import PeoplePicker, PersonPicker
from unionhome.org.models import UnionGroup
from unionhome.study.models import Campaign, CampaignEvent, StudyPlan, Training

DATE = forms.DateInput(attrs={"type": "date"})


class Styled(BootstrapFormMixin, forms.Form):
    pass


def _groups(ctx):
    qs = UnionGroup.objects.filter(union=ctx.union)
    return qs if ctx.has("study.manage") else qs.filter(pk__in=ctx.group_ids)


class PlanForm(Styled):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    group = forms.ModelChoiceField(label=_("工会小组"), queryset=UnionGroup.objects.none(), required=False,
                                   empty_label=_("全会学习计划（各小组可复制）"))
    copy_from = forms.ModelChoiceField(label=_("复制自"), queryset=StudyPlan.objects.none(), required=False,
                                       empty_label=_("不复制，从空白开始"))

    def __init__(self, *args, ctx=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = _groups(ctx)
        if not ctx.has("study.manage"):
            self.fields["group"].required = True
        self.fields["copy_from"].queryset = StudyPlan.objects.filter(union=ctx.union).select_related("group")


class TopicForm(Styled):
    week = forms.IntegerField(label=_("周次"), min_value=1, max_value=53)
    topic = forms.CharField(label=_("学习内容"), max_length=200)
    material = forms.CharField(label=_("学习材料"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    link = forms.CharField(label=_("内网链接"), max_length=300, required=False)
    file = forms.FileField(label=_("材料文件（PDF 或图片）"), required=False)


class SeriesForm(Styled):
    group = forms.ModelChoiceField(label=_("工会小组"), queryset=UnionGroup.objects.none())
    first_on = forms.DateField(label=_("第一次学习日期"), widget=DATE)
    weeks = forms.IntegerField(label=_("周数"), min_value=1, max_value=53)
    place = forms.CharField(label=_("地点"), max_length=120, required=False)
    skip = forms.CharField(label=_("另外跳过的日期"), required=False, help_text=_("法定节假日自动跳过；其他日期用逗号分隔，如 2026-07-03"))

    def __init__(self, *args, ctx=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = _groups(ctx)

    def clean_skip(self):
        days = []
        for part in re.split(r"[,，\s]+", self.cleaned_data["skip"].strip()):
            if part:
                try:
                    days.append(dt.date.fromisoformat(part))
                except ValueError:
                    raise forms.ValidationError(gettext("日期格式应为 2026-07-03")) from None
        return days


class MoveForm(Styled):
    to = forms.DateField(label=_("改到"), widget=DATE)


class PhotoForm(Styled):
    file = forms.FileField(label=_("照片"))


class ReflectionForm(Styled):
    text = forms.CharField(label=_("心得体会"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    photo = forms.FileField(label=_("或上传手写稿照片"), required=False)


class ReviewForm(Styled):
    decision = forms.ChoiceField(label=_("审阅"), choices=[("accept", _("通过")), ("revise", _("请修改"))])
    comment = forms.CharField(label=_("意见"), max_length=300, required=False)


class CampaignForm(Styled):
    theme = forms.ChoiceField(label=_("主题类别"), choices=Campaign.Theme.choices)
    title = forms.CharField(label=_("名称"), max_length=120)
    starts_on = forms.DateField(label=_("开始日期"), widget=DATE)
    ends_on = forms.DateField(label=_("结束日期"), widget=DATE)
    description = forms.CharField(label=_("内容与材料"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    groups = forms.ModelMultipleChoiceField(label=_("面向小组（不选为全体会员）"), queryset=UnionGroup.objects.none(),
                                            required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, ctx=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groups"].queryset = UnionGroup.objects.filter(union=ctx.union)


class EventForm(Styled):
    kind = forms.ChoiceField(label=_("形式"), choices=CampaignEvent.Kind.choices)
    title = forms.CharField(label=_("名称"), max_length=120)
    held_on = forms.DateField(label=_("日期"), widget=DATE)
    place = forms.CharField(label=_("地点"), max_length=120, required=False)
    materials = forms.CharField(label=_("材料"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AttendeesForm(Styled):
    workers = forms.ModelMultipleChoiceField(label=_("参加人员"), queryset=Worker.objects.none(), widget=PeoplePicker())

    def __init__(self, *args, union=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workers"].queryset = Worker.objects.filter(union=union, membership__isnull=False)


class TrainingForm(Styled):
    kind = forms.ChoiceField(label=_("类别"), choices=Training.Kind.choices)
    course = forms.CharField(label=_("课程"), max_length=120)
    provider = forms.CharField(label=_("举办单位"), max_length=120, required=False)
    starts_on = forms.DateField(label=_("开始日期"), widget=DATE)
    ends_on = forms.DateField(label=_("结束日期"), widget=DATE)
    hours = QuantityField(label=_("学时"))


class TrainingRecordForm(Styled):
    worker = forms.ModelChoiceField(label=_("参训人员"), queryset=Worker.objects.none(), widget=PersonPicker())
    hours = QuantityField(label=_("学时（默认为课程学时）"), required=False)
    certificate = forms.FileField(label=_("结业证书（PDF 或图片）"), required=False)

    def __init__(self, *args, union=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = Worker.objects.filter(union=union, membership__isnull=False)


class QuizForm(Styled):
    title = forms.CharField(label=_("名称"), max_length=120)
    deadline = forms.DateTimeField(label=_("截止时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    campaign = forms.ModelChoiceField(label=_("所属教育活动"), queryset=Campaign.objects.none(), required=False)
    questions = forms.CharField(
        label=_("题目"), widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("每题一段，段与段之间空一行：第一行是题目，下面每行一个选项，正确选项前加 *"))

    def __init__(self, *args, ctx=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = Campaign.objects.filter(union=ctx.union)

    def clean_questions(self):
        return parse_questions(self.cleaned_data["questions"])


def parse_questions(text: str) -> list:
    """Blocks separated by a blank line: the question, then one choice a line, the right one starred."""
    out = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        choices = [line.lstrip("*").strip() for line in lines[1:]]
        right = [i for i, line in enumerate(lines[1:]) if line.startswith("*")]
        if len(choices) < 2 or len(right) != 1:
            raise forms.ValidationError(
                gettext("“%(q)s”：需要至少两个选项，并且只有一个选项前加 *") % {"q": lines[0][:30]})
        out.append((lines[0], choices, right[0]))
    if not out:
        raise forms.ValidationError(gettext("请至少出一道题"))
    return out


