"""Study's documents for the year (the 台账 bundle reads them): the study plans, the sessions with their
attendance, the members' accepted reflections per group, the campaigns and quizzes, the officers' training.

A person is written through ``person`` (a worker → the text to show), so the caller decides how names appear
(the bundle masks them unless its requester may see them); a leave's reason is written only with ``reasons``
(it often says why someone was ill or away). Text cells are neutralised against formula injection.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhome.core.docx import clean, cn_date, new_document, to_bytes
from unionhome.core.xlsx import SheetBook
from unionhome.study.models import (
    Attendance,
    CampaignEvent,
    Quiz,
    Reflection,
    StudyPlan,
    StudySession,
    TrainingRecord,
)

Person = Callable[[object], str]


def plans_of(union, year: int):
    return (StudyPlan.objects.filter(union=union, year=year).select_related("group")
            .prefetch_related("topics").order_by("group__sort_order", "group__name", "pk"))


def plan_label(plan: StudyPlan) -> str:
    return plan.group.name if plan.group_id else _("全会学习计划")


def plans_xlsx(union, year: int) -> bytes:
    """One sheet per study plan of the year (the union's own plan first): week, topic, material, link, file."""
    book = SheetBook()
    for plan in plans_of(union, year):
        book.sheet(plan_label(plan), [_("周次"), _("学习内容"), _("学习材料"), _("内网链接"), _("附件")],
                   [6, 36, 40, 30, 10],
                   ([t.week, t.topic, t.material, t.link, _("有") if t.file else ""] for t in plan.topics.all()))
    return book.close()


def sessions_of(union, year: int):
    """The year's recorded sessions (a planned session nobody recorded is not a record)."""
    return (StudySession.objects.filter(union=union, held_on__year=year, status=StudySession.Status.RECORDED)
            .select_related("group").order_by("held_on", "group__sort_order", "pk"))


def sessions_xlsx(union, year: int, *, person: Person, reasons: bool) -> bytes:
    """The recorded sessions with their attendance counts and discussion, and every attendance mark."""
    sessions = list(sessions_of(union, year).annotate(photo_count=Count("photos", distinct=True)))
    marks = (Attendance.objects.filter(session__in=[s.pk for s in sessions]).select_related("session__group", "worker")
             .order_by("session__held_on", "session__group__sort_order", "worker__name", "pk"))
    counts: dict[int, Counter] = {}
    rows = []
    for a in marks:
        counts.setdefault(a.session_id, Counter())[a.mark] += 1
        reason = a.reason if reasons else (_("（已脱敏）") if a.reason else "")
        rows.append([a.session.held_on, a.session.group.name, a.session.topic, person(a.worker), a.get_mark_display(),
                     reason])
    book = SheetBook()
    book.sheet(_("学习记录"), [_("日期"), _("工会小组"), _("学习内容"), _("地点"), _("出席"), _("请假"), _("缺席"),
                           _("讨论记录"), _("照片")], [11, 16, 30, 14, 6, 6, 6, 50, 6],
               ([s.held_on, s.group.name, s.topic, s.place, counts.get(s.pk, Counter())["present"],
                 counts.get(s.pk, Counter())["leave"], counts.get(s.pk, Counter())["absent"], s.discussion,
                 s.photo_count] for s in sessions))
    book.sheet(_("考勤"), [_("日期"), _("工会小组"), _("学习内容"), _("姓名"), _("出勤"), _("请假原因")],
               [11, 16, 30, 12, 8, 24], rows)
    return book.close()


def accepted_reflections(union, year: int):
    return (Reflection.objects.filter(union=union, status=Reflection.Status.ACCEPTED, session__held_on__year=year)
            .select_related("session__group", "worker").order_by("session__group__sort_order", "session__group__name",
                                                                 "session__held_on", "pk"))


def reflections_docx(group, reflections: list[Reflection], *, person: Person, year: int) -> bytes:
    """One group's accepted 心得体会 of the year: each under its session's date and topic, with its author as
    ``person`` shows them; a handwritten one is named by its photo (the bundle carries the photo or says why not)."""
    doc = new_document()
    doc.add_heading(clean(_("%(group)s %(year)s年度心得体会") % {"group": group.name, "year": year}), level=1)
    doc.add_paragraph(clean(_("共%(n)s篇，均经小组负责人审阅通过。") % {"n": len(reflections)}))
    for r in reflections:
        doc.add_heading(clean(_("%(on)s　%(topic)s") % {"on": cn_date(r.session.held_on), "topic": r.session.topic}),
                        level=2)
        doc.add_paragraph(clean(_("作者：%(name)s") % {"name": person(r.worker)}))
        if r.text:
            for line in r.text.splitlines():
                if line.strip():
                    doc.add_paragraph(clean(line.strip()))
        if r.photo:
            doc.add_paragraph(clean(_("（手写稿，见照片）")))
    return to_bytes(doc)


def has_campaigns(union, year: int) -> bool:
    return (CampaignEvent.objects.filter(union=union, held_on__year=year).exists()
            or Quiz.objects.filter(union=union, deadline__year=year).exists())


def campaigns_xlsx(union, year: int) -> bytes:
    """The year's campaign events (with how many took part) and quizzes (answer sheets and average score)."""
    events = (CampaignEvent.objects.filter(union=union, held_on__year=year).select_related("campaign")
              .annotate(n=Count("attendees")).order_by("held_on", "pk"))
    quizzes = (Quiz.objects.filter(union=union, deadline__year=year).annotate(n=Count("attempts"))
               .prefetch_related("attempts").order_by("deadline", "pk"))
    book = SheetBook()
    book.sheet(_("教育活动场次"), [_("日期"), _("教育活动"), _("主题类别"), _("场次"), _("形式"), _("地点"), _("参加人数")],
               [11, 24, 12, 24, 10, 16, 8],
               ([e.held_on, e.campaign.title, e.campaign.get_theme_display(), e.title, e.get_kind_display(), e.place,
                 e.n] for e in events))

    def quiz_row(q):
        scores = [a.score * 100 / a.total for a in q.attempts.all() if a.total]
        return [q.title, timezone.localdate(q.deadline), q.n, round(sum(scores) / len(scores), 1) if scores else ""]

    book.sheet(_("知识测试"), [_("名称"), _("截止日期"), _("答卷份数"), _("平均得分率（%）")], [30, 11, 10, 14],
               (quiz_row(q) for q in quizzes))
    return book.close()


def training_records(union, year: int):
    return (TrainingRecord.objects.filter(union=union, training__starts_on__year=year).select_related("training", "worker")
            .order_by("training__starts_on", "training__pk", "pk"))


def training_xlsx(union, year: int, *, person: Person) -> bytes:
    """The officers' training of the year: one row per officer and course, with whether a certificate is kept."""
    book = SheetBook()
    book.sheet(_("干部培训"), [_("开始日期"), _("结束日期"), _("类别"), _("课程"), _("举办单位"), _("姓名"), _("学时"),
                           _("结业证书")], [11, 11, 16, 28, 20, 12, 6, 8],
               ([r.training.starts_on, r.training.ends_on, r.training.get_kind_display(), r.training.course,
                 r.training.provider, person(r.worker), float(r.hours), _("有") if r.certificate else ""]
                for r in training_records(union, year)))
    return book.close()
