"""Study's figures (issue 11 §1–2): group study sessions, attendance and reflections per group, campaign sessions,
officers trained and not yet trained in their term, training hours, quiz participants.

The two rates are ratios of registered figures, so their definitions are the ones ``queries`` states (attendance
rate = marks "present" ÷ marks recorded; reflection rate = reflections accepted ÷ attendances)."""
from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from unionhome.committees.models import Position, Term
from unionhome.core.figures import Column, Figure, Period, choices_parts, register
from unionhome.org.models import UnionGroup
from unionhome.study.models import Attendance, CampaignEvent, QuizAttempt, Reflection, StudySession, TrainingRecord

PERM = "study.stats"
GROUP = Column(_("工会小组"), lambda r: r.session.group.name)
SESSION = Column(_("学习日期"), lambda r: r.session.held_on)
NAME = Column(_("姓名"), lambda r: r.worker.name, personal=True)


def _groups(union, when):
    return [(g.pk, g.name) for g in UnionGroup.objects.filter(union=union)]


def _sessions(union, when):
    return (StudySession.objects.filter(union=union, status=StudySession.Status.RECORDED,
                                        held_on__range=(when.start, when.end))
            .select_related("group").order_by("held_on", "group__sort_order", "pk"))


def _marks(union, when):
    return (Attendance.objects.filter(union=union, session__status=StudySession.Status.RECORDED,
                                      session__held_on__range=(when.start, when.end))
            .select_related("session__group", "worker").order_by("session__held_on", "session__group__sort_order", "pk"))


def _present(union, when):
    return _marks(union, when).filter(mark=Attendance.Mark.PRESENT)


def _accepted(union, when):
    return (Reflection.objects.filter(union=union, status=Reflection.Status.ACCEPTED,
                                      session__held_on__range=(when.start, when.end))
            .select_related("session__group", "worker").order_by("session__held_on", "pk"))


def _events(union, when):
    return (CampaignEvent.objects.filter(union=union, held_on__range=(when.start, when.end))
            .select_related("campaign").order_by("held_on", "pk"))


def officer_positions(union, as_of):
    """Offices held on ``as_of`` in a committee term that has not ended, with ``trained``: a training record of the
    office holder from the term's start to ``as_of``."""
    trained = TrainingRecord.objects.filter(worker=OuterRef("worker"), training__starts_on__gte=OuterRef("term__starts_on"),
                                            training__starts_on__lte=as_of)
    return (Position.objects.filter(union=union, started_on__lte=as_of)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=as_of)).exclude(term__status=Term.Status.ENDED)
            .annotate(trained=Exists(trained)).select_related("worker", "term__committee")
            .order_by("term__committee__kind", "title", "pk"))


def _trained(union, when):
    return officer_positions(union, when.as_of).filter(trained=True)


def _untrained(union, when):
    return officer_positions(union, when.as_of).filter(trained=False)


def _hours(union, when):
    return (TrainingRecord.objects.filter(union=union, training__starts_on__range=(when.start, when.end))
            .select_related("training", "worker").order_by("training__starts_on", "pk"))


def _quiz(union, when):
    return (QuizAttempt.objects.filter(union=union, quiz__deadline__date__range=(when.start, when.end))
            .select_related("quiz", "worker").order_by("quiz__deadline", "pk"))


OFFICE = (Column(_("姓名"), lambda r: r.worker.name, personal=True),
          Column(_("委员会"), lambda r: r.term.committee.get_kind_display()),
          Column(_("职务"), lambda r: r.get_title_display()), Column(_("本届开始"), lambda r: r.term.starts_on))

register(Figure(
    key="study.sessions", name=_("小组学习次数"), order=70, records=_sessions, period=Period.YEAR,
    date_field="held_on", group_field="group", unit_word=_("次"), perm=PERM,
    definition=_("本年度各工会小组已记录考勤的学习次数（计划未记录的不计），按学习日期计；可按小组查看。"),
    parts=_groups, part_field="group_id",
    columns=(Column(_("日期"), lambda r: r.held_on), Column(_("工会小组"), lambda r: r.group.name),
             Column(_("学习内容"), lambda r: r.topic))))
register(Figure(
    key="study.attendance_marked", name=_("学习应到人次"), order=71, records=_marks, period=Period.YEAR,
    date_field="session__held_on", group_field="session__group", unit_word=_("人次"), perm=PERM, person_perm=PERM,
    definition=_("本年度已记录的小组学习中登记考勤（出席、请假、缺席）的人次。"),
    parts=choices_parts(Attendance.Mark), part_field="mark",
    columns=(SESSION, GROUP, NAME, Column(_("出勤"), lambda r: r.get_mark_display()))))
register(Figure(
    key="study.attendance_present", name=_("学习出席人次"), order=72, records=_present, period=Period.YEAR,
    date_field="session__held_on", group_field="session__group", unit_word=_("人次"), perm=PERM, person_perm=PERM,
    definition=_("本年度已记录的小组学习中登记为“出席”的人次；可按小组查看。"),
    parts=_groups, part_field="session__group_id", columns=(SESSION, GROUP, NAME)))
register(Figure(
    key="study.attendance_rate", name=_("学习出勤率"), order=73, records=_present, period=Period.YEAR,
    numerator="study.attendance_present", denominator="study.attendance_marked", group_field="session__group",
    unit_word="%", perm=PERM, person_perm=PERM, columns=(SESSION, GROUP, NAME),
    definition=_("出席人次 ÷ 登记考勤人次（出席、请假、缺席），本年度已记录的小组学习。")))
register(Figure(
    key="study.reflections", name=_("心得体会（已通过）"), order=74, records=_accepted, period=Period.YEAR,
    date_field="session__held_on", group_field="session__group", unit_word=_("篇"), perm=PERM, person_perm=PERM,
    definition=_("本年度小组学习的心得体会中经组长审阅通过的篇数，按学习日期计；可按小组查看。"),
    parts=_groups, part_field="session__group_id", columns=(SESSION, GROUP, NAME)))
register(Figure(
    key="study.reflection_rate", name=_("心得体会提交率"), order=75, records=_accepted, period=Period.YEAR,
    numerator="study.reflections", denominator="study.attendance_present", group_field="session__group",
    unit_word="%", perm=PERM, person_perm=PERM, columns=(SESSION, GROUP, NAME),
    definition=_("通过审阅的心得体会篇数 ÷ 出席人次，本年度已记录的小组学习。")))
register(Figure(
    key="study.campaign_sessions", name=_("教育活动场次"), order=76, records=_events, period=Period.YEAR,
    date_field="held_on", unit_word=_("场"), perm=PERM,
    definition=_("本年度教育活动（普法、民族团结、社会公德、理想信念等）中举办的讲座、竞赛、展览，每场一次。"),
    parts=choices_parts(CampaignEvent.Kind), part_field="kind",
    columns=(Column(_("日期"), lambda r: r.held_on), Column(_("教育活动"), lambda r: r.campaign.title),
             Column(_("场次"), lambda r: r.title), Column(_("形式"), lambda r: r.get_kind_display()))))
register(Figure(
    key="study.officers_trained", name=_("本届已培训的工会干部"), order=77, records=_trained, period=Period.AS_OF,
    unit_word=_("人次"), perm=PERM, person_perm=PERM, columns=OFFICE,
    reconstructs=_("按任职起止日期和培训开始日期重建当时在任的职务；届次状态取当前状态。"),
    definition=_("在未结束届次中任职的工会干部（按职务计），本届开始以来有培训记录的。")))
register(Figure(
    key="study.officers_untrained", name=_("本届尚未培训的工会干部"), order=78, records=_untrained, period=Period.AS_OF,
    unit_word=_("人次"), perm=PERM, person_perm=PERM, columns=OFFICE,
    reconstructs=_("按任职起止日期和培训开始日期重建当时在任的职务；届次状态取当前状态。"),
    definition=_("在未结束届次中任职的工会干部（按职务计），本届开始以来还没有培训记录的。")))
register(Figure(
    key="study.training_hours", name=_("培训学时"), order=79, records=_hours, period=Period.YEAR, measure="sum",
    sum_field="hours", date_field="training__starts_on", unit_word=_("学时"), perm=PERM, person_perm=PERM,
    definition=_("本年度开始的培训中每人登记的学时之和；列表为每人每次培训。"),
    columns=(Column(_("开始日期"), lambda r: r.training.starts_on), Column(_("培训"), lambda r: r.training.course),
             Column(_("姓名"), lambda r: r.worker.name, personal=True), Column(_("学时"), lambda r: r.hours))))
register(Figure(
    key="study.quiz_participants", name=_("知识测试参与人次"), order=80, records=_quiz, period=Period.YEAR,
    date_field="quiz__deadline", unit_word=_("人次"), perm=PERM, person_perm=PERM,
    definition=_("截止时间在本年度的知识测试中提交答卷的人次。"),
    columns=(Column(_("测试"), lambda r: r.quiz.title), Column(_("姓名"), lambda r: r.worker.name, personal=True))))
