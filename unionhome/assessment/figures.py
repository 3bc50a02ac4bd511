"""The self-assessment's figures (issue 12 §5): the 会员评家 responses and answers, the satisfaction rate (a veto
item of the assessment) and the submitted sheet's total score. The survey's lists exist only once it is closed."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from unionhome.assessment.models import SATISFIED_CHOICES, Answer, Respondent, ScoreLine, Survey
from unionhome.core.figures import Column, Figure, Period, register


def _respondents(union, when):
    return (Respondent.objects.filter(union=union, survey__year=when.year, survey__status=Survey.Status.CLOSED)
            .select_related("worker", "worker__unit").order_by("worker__name_pinyin", "pk"))


def _answers(union, when):
    return (Answer.objects.filter(union=union, survey__year=when.year, survey__status=Survey.Status.CLOSED, filled=True)
            .select_related("survey").order_by("question", "choice", "comment", "pk"))


def _satisfied(union, when):
    return _answers(union, when).filter(choice__in=SATISFIED_CHOICES)


def _lines(union, when):
    return (ScoreLine.objects.filter(union=union, assessment__year=when.year, assessment__status="submitted")
            .select_related("criterion").order_by("criterion__order", "criterion__code"))


ANSWER_COLUMNS = (
    Column(_("问题"), lambda a: a.get_question_display()),
    Column(_("评价"), lambda a: a.get_choice_display()),
    Column(_("意见"), lambda a: a.comment),
)
SURVEY = dict(perm="assessment.view", period=Period.YEAR, reconstructs=_("评家结束后的答卷；进行中的评家不计。"))

register(Figure(key="assessment.survey_respondents", name=_("参加会员评家的会员"), order=90, records=_respondents,
                columns=(Column(_("姓名"), lambda r: r.worker.name, personal=True),
                         Column(_("单位"), lambda r: r.worker.unit.name if r.worker.unit_id else "")),
                person_perm="assessment.manage", unit_word=_("人"), **SURVEY,
                definition=_("本年度已结束的会员评家中作答的会员（只记谁参加，不记如何评价）。")))
register(Figure(key="assessment.survey_answers", name=_("会员评家答题数"), order=91, records=_answers,
                columns=ANSWER_COLUMNS, unit_word=_("条"), **SURVEY,
                definition=_("本年度已结束的会员评家的全部答题（每人每题一条，不关联作答人）。")))
register(Figure(key="assessment.survey_satisfied", name=_("会员评家满意答题数"), order=92, records=_satisfied,
                columns=ANSWER_COLUMNS, unit_word=_("条"), **SURVEY,
                definition=_("评价为满意或基本满意的答题。")))
register(Figure(key="assessment.satisfaction_rate", name=_("会员满意率"), order=93, records=_satisfied,
                columns=ANSWER_COLUMNS, numerator="assessment.survey_satisfied",
                denominator="assessment.survey_answers", **SURVEY,
                definition=_("（满意 + 基本满意）÷ 全部答题，职工之家自评的一票否决项。")))
register(Figure(key="assessment.total_score", name=_("职工之家自评总分"), order=94, records=_lines,
                columns=(Column(_("编号"), lambda ln: ln.criterion.code), Column(_("评分项目"), lambda ln: ln.criterion.title),
                         Column(_("分值"), lambda ln: ln.criterion.points), Column(_("得分"), lambda ln: ln.points)),
                measure="sum", sum_field="points", unit_word=_("分"), perm="assessment.view", period=Period.YEAR,
                definition=_("已提交的本年度职工之家自评各评分项得分之和。")))
