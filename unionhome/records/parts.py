"""The parts of the assessor's 台账 bundle: a list of producers, each ``(*, union, year, reveal)`` → an iterable of
``BundleFile`` and ``IndexRow`` (records/items.py). ``bundle.bundle_write`` runs them in order, writes their files
into the zip as they come and lists every record in the index.

Personal data is masked unless ``reveal`` (the requester holds ``members.reveal`` and asked for it): names keep
their first character, and ID numbers and mobiles are never in the bundle. Documents are made by the apps that own
the records (funds' ledger book and 决算, the meetings' minutes, the elections' report and minutes); uploaded
evidence (photos, scans, receipts) is read through Django's storage API.
"""
from __future__ import annotations

import datetime as dt
import io
import posixpath
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import xlsxwriter
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhome.core import figures as registry
from unionhome.core.docx import clean, cn_date, new_document, to_bytes
from unionhome.core.errors import DomainError
from unionhome.core.figures import Period, Scope, When
from unionhome.core.xlsx import SheetBook
from unionhome.records.items import BundleFile, IndexRow
from unionhome.records.queries import first_year

Item = BundleFile | IndexRow
Producer = Callable[..., Iterable[Item]]

# Each registered figure's records are listed under the area of the app that owns them.
FIGURE_AREAS = {"members": "organisation", "committees": "organisation", "elections": "organisation",
                "meetings": "democracy", "suggestions": "democracy", "disclosures": "democracy", "care": "care",
                "activities": "culture", "competitions": "culture", "study": "study", "awards": "evaluation",
                "funds": "funds",
                "assessment": "report"}


def mask_name(name: str) -> str:
    """张** : the first character only (a name is a personal identifier; the bundle is masked by default)."""
    name = (name or "").strip()
    return name[:1] + "*" * (len(name) - 1) if name else ""


def _on(record, path: str) -> dt.date | None:
    value = record
    for attr in path.split("__") if path else []:
        value = getattr(value, attr, None)
        if value is None:
            return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value if isinstance(value, dt.date) else None


def _describe(figure, record, reveal: bool) -> str:
    parts = []
    for column in figure.columns:
        value = column.value(record)
        if value in (None, ""):
            continue
        text = value.isoformat() if isinstance(value, dt.date) else str(value)
        parts.append(mask_name(text) if column.personal and not reveal else text)
    return " · ".join(parts) or str(record.pk)


def _ref(record) -> tuple[str, object]:
    return (record._meta.label_lower, record.pk)


def figure_rows(*, union, year: int, reveal: bool) -> Iterator[Item]:
    """Every record behind every registered figure of the year, one index row each, under its app's area. A
    figure of the year's end (the roster) is one row pointing at the roster summary instead of one per person."""
    when = When.for_year(year)
    for figure in registry.figures():
        if figure.is_rate:
            continue
        area = FIGURE_AREAS.get(figure.key.split(".")[0], "organisation")
        label = _("%(name)s（%(key)s）") % {"name": figure.name, "key": figure.key}
        if figure.period == Period.AS_OF:
            value = registry.compute(figure, union, when, with_parts=False)
            counted = value.count if year >= first_year(union) else 0
            yield IndexRow(area=area, on=when.as_of, figure=label, ref=("records.roster", figure.key), counted=counted,
                           record=_("%(name)s：%(value)s%(unit)s（名单见会员名册汇总）") % {
                               "name": figure.name, "value": value.value, "unit": figure.unit_word})
            continue
        qs = registry.record_list(figure, union, when, Scope())
        for record in qs.iterator(chunk_size=500):
            yield IndexRow(area=area, on=_on(record, figure.date_field), figure=label, ref=_ref(record),
                           record=_describe(figure, record, reveal))


def roster_summary(*, union, year: int, reveal: bool) -> Iterator[Item]:
    """会员名册汇总: the roster's registered figures at the year's end, by group, and the member list with names
    masked (full names and card numbers only with ``reveal``); never ID numbers or mobiles."""
    when = When.for_year(year)
    keys = ["members.staff", "members.in_membership", "members.rate", "members.by_gender", "members.by_age_band",
            "members.by_ethnicity"]
    present = [registry.get(k) for k in keys if registry.get(k) is not None]
    if not present:
        return
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    head = book.add_format({"bold": True, "border": 1, "bg_color": "#F2F2F2"})
    cell = book.add_format({"border": 1})
    sheet = book.add_worksheet(_("概况"))
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 2, 14)
    sheet.write_row(0, 0, [_("%(year)s年末（%(as_of)s）") % {"year": year, "as_of": when.as_of.isoformat()}], head)
    row = 2
    for figure in present:
        value = registry.compute(figure, union, when)
        sheet.write_string(row, 0, str(figure.name), head)
        sheet.write(row, 1, "" if value.value is None else (float(value.value) if figure.is_rate else value.value), cell)
        sheet.write_string(row, 2, str(figure.unit_word or ("%" if figure.is_rate else "")), cell)
        row += 1
        for part in value.parts:
            sheet.write_string(row, 0, f"  {part['label']}", cell)
            sheet.write_number(row, 1, part["value"], cell)
            row += 1
    in_membership = registry.get("members.in_membership")
    if in_membership is not None:
        groups = book.add_worksheet(_("按工会小组"))
        groups.set_column(0, 0, 24)
        groups.write_row(0, 0, [_("工会小组"), _("在会会员")], head)
        from unionhome.org.models import UnionGroup

        names = dict(UnionGroup.objects.filter(union=union).values_list("pk", "name"))
        for i, (pk, n) in enumerate(sorted(registry.scope_values(in_membership, union, when, "group").items(),
                                           key=lambda kv: names.get(kv[0], "~")), start=1):
            groups.write_row(i, 0, [names.get(pk, _("未分组")), n], cell)
        people = book.add_worksheet(_("会员名单"))
        header = [_("姓名"), _("单位"), _("工会小组"), _("性别"), _("入会日期")] + ([_("会员证号")] if reveal else [])
        people.write_row(0, 0, header, head)
        people.set_column(0, len(header) - 1, 14)
        qs = registry.record_list(in_membership, union, when, Scope())
        for i, w in enumerate(qs.iterator(chunk_size=1000), start=1):
            m = getattr(w, "membership", None)
            people.write_row(i, 0, [w.name if reveal else mask_name(w.name), w.unit.name if w.unit_id else "",
                                    w.group.name if w.group_id else "", w.get_gender_display(),
                                    m.joined_on.isoformat() if m and m.joined_on else ""]
                             + ([m.card_number if m else ""] if reveal else []), cell)
    book.close()
    yield BundleFile(area="organisation", name=_("会员名册汇总.xlsx"), data=out.getvalue(), ref=("records.roster", "members.staff"),
                     title=_("会员名册汇总"), on=when.as_of)


def _document(area: str, name: str, make: Callable[[], bytes], *, ref=None, title: str = "",
              on=None) -> Iterator[Item]:
    """A document made by its app; one that cannot be made for this record (its own rule says why) is listed
    in the index with that reason instead of stopping the bundle."""
    try:
        data = make()
    except DomainError as exc:
        text = _("%(title)s：未能生成（%(reason)s）") % {"title": title or name, "reason": exc.message}
        yield IndexRow(area=area, on=on, record=text, ref=None, counted=0)
        return
    yield BundleFile(area=area, name=name, data=data, ref=ref, title=title or name, on=on)


def _stored(area: str, field, *, ref, title: str, on, stem: str) -> BundleFile:
    ext = posixpath.splitext(field.name)[1].lower()
    return BundleFile(area=area, name=f"{stem}{ext}", storage_name=field.name, ref=ref, title=title, on=on)


def _records(key: str, union, year: int):
    """The records behind a registered figure (none when its app is absent)."""
    figure = registry.get(key)
    if figure is None:
        return []
    return registry.record_list(figure, union, When.for_year(year), Scope())


def elections(*, union, year: int, reveal: bool) -> Iterator[Item]:
    from unionhome.elections import documents

    for e in _records("elections.held", union, year):
        ref = _ref(e)
        stem = f"{e.held_on:%Y%m%d}-{e.pk}"
        yield from _document("organisation", _("选举-%(stem)s-选举报告.docx") % {"stem": stem}, lambda e=e: documents.report(e), ref=ref,
                             title=str(e), on=e.held_on)
        yield from _document("organisation", _("选举-%(stem)s-选举纪要.docx") % {"stem": stem}, lambda e=e: documents.minutes(e), ref=ref,
                             title=str(e), on=e.held_on)


def meetings(*, union, year: int, reveal: bool) -> Iterator[Item]:
    from unionhome.meetings.documents import minutes_document
    from unionhome.meetings.queries import meeting_list, meeting_view

    for m in meeting_list(union, year=year).order_by("held_on", "pk"):
        ref = _ref(m)
        yield IndexRow(area="democracy", on=m.held_on, record=f"{m.get_kind_display()} · {m.title}",
                       figure=_("会议纪要"), ref=ref)
        stem = _("会议-%(on)s-%(pk)s") % {"on": f"{m.held_on:%Y%m%d}", "pk": m.pk}
        yield from _document("democracy", _("%(stem)s-纪要.docx") % {"stem": stem}, lambda m=m: minutes_document(meeting_view(m)),
                             ref=ref, title=m.title, on=m.held_on)
        if m.scan:
            yield _stored("democracy", m.scan, ref=ref, title=m.title, on=m.held_on, stem=_("%(stem)s-签字纪要扫描件") % {"stem": stem})


def activity_photos(*, union, year: int, reveal: bool) -> Iterator[Item]:
    from unionhome.activities.models import ActivityPhoto

    held = _records("activities.held", union, year)
    photos = ActivityPhoto.objects.filter(union=union, activity__in=held).select_related("activity")
    for i, p in enumerate(photos.order_by("activity__starts_at", "pk"), start=1):
        on = _on(p.activity, "starts_at")
        yield _stored("culture", p.file, ref=_ref(p.activity), title=p.caption or str(p.activity), on=on,
                      stem=_("活动照片-%(on)s-%(id)s-%(i)s") % {"on": f"{on:%Y%m%d}", "id": p.activity_id, "i": i})


def study(*, union, year: int, reveal: bool) -> Iterator[Item]:
    """学习培训: the study plans and their files, the recorded sessions with attendance and photos, the members'
    accepted reflections (one document per group), the campaigns and quizzes, the officers' training and its
    certificates. Names are masked unless ``reveal``, like every list of people in the bundle. What cannot be masked
    comes only with ``reveal``: a leave's reason (often an illness), the photo of a handwritten reflection and a
    training certificate's scan (both show the full name); the masked bundle's index says they exist. The typed
    reflections (accepted by the group leader) are the union's record of its study and come in both, their authors
    masked."""
    from unionhome.study import documents as docs
    from unionhome.study.models import SessionPhoto

    def person(worker) -> str:
        return worker.name if reveal else mask_name(worker.name)

    year_start = dt.date(year, 1, 1)
    plans = list(docs.plans_of(union, year))
    for plan in plans:
        topics = list(plan.topics.all())
        yield IndexRow(area="study", on=year_start, figure=_("学习计划"), ref=_ref(plan),
                       record=_("%(plan)s · %(title)s（%(n)s个专题）") % {"plan": docs.plan_label(plan), "title": plan.title,
                                                                    "n": len(topics)})
        for t in topics:
            if t.file:
                yield _stored("study", t.file, ref=_ref(plan), title=plan.title, on=year_start,
                              stem=_("学习计划附件-%(plan)s-第%(week)s周") % {"plan": docs.plan_label(plan), "week": t.week})
    if plans:
        yield BundleFile(area="study", name=_("%(year)s年度学习计划.xlsx") % {"year": year},
                         data=docs.plans_xlsx(union, year), title=_("学习计划"), on=year_start)
    sessions = list(docs.sessions_of(union, year))
    for s in sessions:
        yield IndexRow(area="study", on=s.held_on, record=f"{s.group.name} · {s.topic}", figure=_("小组学习"), ref=_ref(s))
    if sessions:
        yield BundleFile(area="study", name=_("%(year)s年度小组学习记录与考勤.xlsx") % {"year": year},
                         data=docs.sessions_xlsx(union, year, person=person, reasons=reveal),
                         title=_("小组学习记录与考勤"), on=dt.date(year, 12, 31))
    photos = (SessionPhoto.objects.filter(union=union, session__in=[s.pk for s in sessions])
              .select_related("session").order_by("session__held_on", "pk"))
    for i, p in enumerate(photos, start=1):
        yield _stored("study", p.file, ref=_ref(p.session), title=str(p.session), on=p.session.held_on,
                      stem=_("学习照片-%(on)s-%(i)s") % {"on": f"{p.session.held_on:%Y%m%d}", "i": i})
    by_group: dict = {}
    for r in docs.accepted_reflections(union, year):
        by_group.setdefault(r.session.group, []).append(r)
    for group, mine in by_group.items():
        yield BundleFile(area="study", name=_("心得体会-%(group)s.docx") % {"group": group.name},
                         data=docs.reflections_docx(group, mine, person=person, year=year),
                         title=_("%(group)s心得体会") % {"group": group.name}, on=dt.date(year, 12, 31))
        for r in mine:
            if not r.photo:
                continue
            if reveal:
                yield _stored("study", r.photo, ref=_ref(r), title=str(r.session), on=r.session.held_on,
                              stem=_("心得体会手写稿-%(on)s-%(pk)s") % {"on": f"{r.session.held_on:%Y%m%d}", "pk": r.pk})
            else:
                yield IndexRow(area="study", on=r.session.held_on, counted=0, ref=None,
                               record=_("%(group)s · %(name)s的手写心得体会：照片仅在含完整姓名的台账包中") % {
                                   "group": group.name, "name": person(r.worker)})
    if docs.has_campaigns(union, year):
        yield BundleFile(area="study", name=_("%(year)s年度教育活动与知识测试.xlsx") % {"year": year},
                         data=docs.campaigns_xlsx(union, year), title=_("教育活动与知识测试"), on=dt.date(year, 12, 31))
    trained = list(docs.training_records(union, year))
    if trained:
        yield BundleFile(area="study", name=_("%(year)s年度工会干部培训.xlsx") % {"year": year},
                         data=docs.training_xlsx(union, year, person=person), title=_("工会干部培训"),
                         on=dt.date(year, 12, 31))
    for r in (r for r in trained if r.certificate):
        if not reveal:
            yield IndexRow(area="study", on=r.training.starts_on, counted=0, ref=None,
                           record=_("%(course)s · %(name)s的结业证书：扫描件仅在含完整姓名的台账包中") % {
                               "course": r.training.course, "name": person(r.worker)})
        else:
            yield _stored("study", r.certificate, ref=_ref(r), on=r.training.ends_on,
                          title=_("%(course)s结业证书") % {"course": r.training.course},
                          stem=_("培训证书-%(on)s-%(pk)s") % {"on": f"{r.training.starts_on:%Y%m%d}", "pk": r.pk})


def _book(sheets) -> bytes:
    book = SheetBook()
    for name, header, widths, rows in sheets:
        book.sheet(name, header, widths, rows)
    return book.close()


def _person(reveal: bool) -> Callable[[object], str]:
    return (lambda w: w.name if w is not None else "") if reveal else (lambda w: mask_name(w.name) if w else "")


def plans_and_rules(*, union, year: int, reveal: bool) -> Iterator[Item]:
    """有计划、有检查、有总结 and the written duties: the year's work plan with each item's latest check (status,
    figure, comment, the records cited), the rules in force at the year's end with their text, and the committee
    members' goals for the year."""
    from unionhome.meetings.models import Goal, RegulationVersion
    from unionhome.plans.queries import plan_for, plan_summary

    year_end = dt.date(year, 12, 31)
    person = _person(reveal)
    plan = plan_for(union, year)
    if plan is not None:
        rows = plan_summary(union=union, year=year)
        yield IndexRow(area="organisation", on=year_end, figure=_("工作计划、检查、总结"), ref=_ref(plan),
                       record=_("%(year)s年度工作计划（%(n)s项）") % {"year": year, "n": len(rows)})
        yield BundleFile(area="organisation", name=_("%(year)s年度工作计划与检查总结.xlsx") % {"year": year},
                         ref=_ref(plan), title=_("工作计划与检查总结"), on=year_end, data=_book([(
                             _("工作计划"), [_("序号"), _("事项"), _("方面"), _("负责人"), _("目标"), _("统计数字"),
                                         _("目标值"), _("完成值"), _("完成期限"), _("状态"), _("说明"), _("佐证记录")],
                             [6, 30, 10, 16, 24, 18, 8, 8, 11, 10, 30, 50],
                             ([r["number"], r["title"], r["area_label"], _("、").join(n if reveal else mask_name(n) for n in r["owners"]), r["target"],
                               r["figure_name"], r["target_value"], r["value"], r["deadline"], r["status_label"],
                               r["comment"] or r["reason"],
                               "\n".join(_("%(date)s %(kind)s：%(label)s") % {"date": x["date"] or "", "kind": x["kind_label"], "label": x["label"]} for x in r["records"])]
                              for r in rows))]))
    versions = {}
    for v in (RegulationVersion.objects.filter(union=union, effective_on__lte=year_end)
              .select_related("regulation", "decision__item__meeting").order_by("regulation_id", "-number")):
        versions.setdefault(v.regulation_id, v)
    if versions:
        doc = new_document()
        doc.add_heading(clean(_("%(union)s规章制度（%(year)s年末施行版本）") % {"union": union.name, "year": year}), level=1)
        for v in sorted(versions.values(), key=lambda v: (v.regulation.kind, v.regulation.title)):
            doc.add_heading(clean(v.regulation.title), level=2)
            adopted = (_("，经%(meeting)s通过") % {"meeting": v.decision.item.meeting.title}) if v.decision_id else ""
            doc.add_paragraph(clean(_("第%(n)s版，%(on)s起施行%(adopted)s") % {
                "n": v.number, "on": cn_date(v.effective_on), "adopted": adopted}))
            for line in v.text.splitlines():
                if line.strip():
                    doc.add_paragraph(clean(line.strip()))
            yield IndexRow(area="organisation", on=v.effective_on, figure=_("规章制度"), ref=_ref(v.regulation),
                           record=_("%(title)s（第%(n)s版）") % {"title": v.regulation.title, "n": v.number})
        yield BundleFile(area="organisation", name=_("规章制度汇编.docx"), data=to_bytes(doc), title=_("规章制度汇编"),
                         on=year_end)
    goals = list(Goal.objects.filter(union=union, year=year).select_related("worker").order_by("worker__name", "pk"))
    if goals:
        yield BundleFile(area="organisation", name=_("%(year)s年度委员工作目标.xlsx") % {"year": year},
                         title=_("委员工作目标"), on=year_end, data=_book([(
                             _("委员工作目标"), [_("委员"), _("目标"), _("状态")], [12, 60, 10],
                             ([person(g.worker), g.text, g.get_status_display()] for g in goals))]))


def democracy(*, union, year: int, reveal: bool) -> Iterator[Item]:
    """政务公开 and 合理化建议: the items published, the year's inspections with their checklists, findings (with
    photos) and rectifications; the year's suggestions with their answers (an anonymous author stays 匿名, any
    other masked unless ``reveal``; the suggestions' own photos stay out: they may show people)."""
    from unionhome.disclosures.models import DisclosureItem, Finding, FindingPhoto, Inspection, InspectionCheck
    from unionhome.suggestions.queries import suggestion_list

    year_end = dt.date(year, 12, 31)
    person = _person(reveal)
    items = list(DisclosureItem.objects.filter(union=union, published_on__lte=year_end).order_by("kind", "title"))
    inspections = list(Inspection.objects.filter(union=union, status="done", held_on__year=year).order_by("held_on", "pk"))
    if items or inspections:
        checks = (InspectionCheck.objects.filter(inspection__in=inspections).select_related("inspection", "item")
                  .order_by("inspection__held_on", "inspection_id", "item__title"))
        findings = list(Finding.objects.filter(inspection__in=inspections)
                        .select_related("inspection", "item", "rectification__owner").order_by("inspection__held_on", "pk"))

        def rect(f, attr, default=""):
            r = getattr(f, "rectification", None)
            return attr(r) if r is not None else default

        yield BundleFile(area="democracy", name=_("%(year)s年度政务公开与检查.xlsx") % {"year": year},
                         title=_("政务公开与检查"), on=year_end, data=_book([
                             (_("公开事项"), [_("公开事项"), _("类别"), _("公开主体"), _("公开载体"), _("版本"),
                                          _("本版公开日期"), _("状态")], [30, 12, 16, 12, 6, 12, 10],
                              ([i.title, i.get_kind_display(), i.publisher, i.get_place_display(), i.version,
                                i.published_on, _("已停止公开") if i.retired else _("公开中")] for i in items)),
                             (_("检查"), [_("检查日期"), _("检查方式"), _("检查结论")], [12, 12, 60],
                              ([i.held_on, i.get_kind_display(), i.summary] for i in inspections)),
                             (_("检查清单"), [_("检查日期"), _("公开事项"), _("结果"), _("说明")], [12, 30, 10, 40],
                              ([c.inspection.held_on, c.item.title, c.get_result_display(), c.note] for c in checks)),
                             (_("问题与整改"), [_("检查日期"), _("公开事项"), _("发现的问题"), _("整改要求"),
                                           _("责任人"), _("整改期限"), _("状态"), _("复查确认日期")],
                              [12, 24, 40, 40, 10, 12, 10, 12],
                              ([f.inspection.held_on, f.item.title if f.item_id else "", f.text,
                                rect(f, lambda r: r.demand), rect(f, lambda r: person(r.owner)),
                                rect(f, lambda r: r.deadline, None), rect(f, lambda r: r.get_status_display()),
                                rect(f, lambda r: r.closed_on, None)] for f in findings)),
                         ]))
        photos = (FindingPhoto.objects.filter(finding__in=findings).select_related("finding__inspection")
                  .order_by("finding__inspection__held_on", "pk"))
        for i, p in enumerate(photos, start=1):
            on = p.finding.inspection.held_on
            yield _stored("democracy", p.file, ref=_ref(p.finding.inspection), title=str(p.finding.inspection), on=on,
                          stem=_("公开检查照片-%(on)s-%(i)s") % {"on": f"{on:%Y%m%d}", "i": i})
    suggestions = list(suggestion_list(union, year=year).order_by("number"))
    if suggestions:
        def author(s):
            if s.anonymous:
                return _("匿名")
            return person(s.author) if s.author_id else (s.group.name if s.group_id else "")

        yield BundleFile(area="democracy", name=_("%(year)s年度合理化建议.xlsx") % {"year": year},
                         title=_("合理化建议"), on=year_end, data=_book([(
                             _("合理化建议"), [_("编号"), _("标题"), _("类别"), _("提出人"), _("提出日期"), _("状态"),
                                         _("评估结论"), _("理由"), _("答复"), _("答复日期"), _("落实日期"), _("满意度")],
                             [10, 30, 12, 12, 12, 10, 12, 30, 40, 12, 12, 8],
                             ([s.code, s.title, s.get_category_display(), author(s), _on(s, "created_at"),
                               s.get_status_display(), s.get_outcome_display() if s.outcome else "", s.reason, s.answer,
                               _on(s, "answered_at"), s.done_on, s.rating] for s in suggestions))]))


def care(*, union, year: int, reveal: bool) -> Iterator[Item]:
    """服务职工: the year's care summary (care/documents.py), a Word document and a workbook: the registered care
    figures, every visit with its amount, budget category, voucher and approval, the festival visits, the health
    check's counts (never who attended or any result) and 送温暖 by campaign. Names are masked unless ``reveal``,
    like every list of people in the bundle; a needy household shows only its (masked) name, never its file. A
    visit's photos show the person, so they come only with ``reveal``; the masked bundle's index says they exist."""
    from unionhome.care import documents as docs

    cy = docs.care_year(union, year, person=_person(reveal), photos_included=reveal)
    if cy.empty and not cy.health:
        return
    year_end = dt.date(year, 12, 31)
    stem = docs.file_stem(year)
    yield BundleFile(area="care", name=f"{stem}.docx", data=docs.summary_docx(cy, masked=not reveal),
                     title=_("关爱服务台账汇总"), on=year_end)
    yield BundleFile(area="care", name=f"{stem}.xlsx", data=docs.summary_xlsx(cy, masked=not reveal),
                     title=_("关爱服务台账汇总"), on=year_end)
    lines = {x.pk: x for x in cy.visits}
    for pk, photos in cy.photos.items():
        line = lines[pk]
        if not reveal:
            yield IndexRow(area="care", on=line.on, counted=0, ref=None,
                           record=_("%(kind)s · %(name)s的慰问照片%(n)s张：照片仅在含完整姓名的台账包中") % {
                               "kind": line.what, "name": line.person, "n": len(photos)})
            continue
        for i, p in enumerate(photos, start=1):
            yield _stored("care", p.image, ref=("care.carevisit", pk), title=f"{line.what} {line.person}", on=line.on,
                          stem=_("慰问照片-%(on)s-%(pk)s-%(i)s") % {"on": f"{line.on:%Y%m%d}", "pk": pk, "i": i})


def culture(*, union, year: int, reveal: bool) -> Iterator[Item]:
    """The results of the year's finished competitions (the app's own results document, as posted to members) and
    the activity room's equipment with the year's loans (borrowers masked unless ``reveal``)."""
    from unionhome.activities.models import Asset, Loan
    from unionhome.competitions.documents import results_document
    from unionhome.competitions.queries import competition_list, competition_view

    for c in competition_list(union, year=year).filter(status="finished").order_by("held_on", "pk"):
        yield from _document("culture", _("比赛成绩-%(on)s-%(pk)s.docx") % {"on": f"{c.held_on:%Y%m%d}", "pk": c.pk},
                             lambda c=c: results_document(competition_view(c)), ref=_ref(c), title=c.title, on=c.held_on)
    assets = list(Asset.objects.filter(union=union).filter(Q(purchased_on__isnull=True) | Q(purchased_on__year__lte=year))
                  .order_by("category", "code"))
    if assets:
        person = _person(reveal)
        loans = Loan.objects.filter(union=union, asset__in=assets, lent_on__year=year).select_related("asset", "worker")
        yield BundleFile(area="culture", name=_("活动室设备与借用登记.xlsx"), title=_("活动室设备与借用登记"),
                         on=dt.date(year, 12, 31), data=_book([
                             (_("设备"), [_("编号"), _("名称"), _("类别"), _("购置日期"), _("购置价"), _("状况"),
                                        _("存放位置")], [10, 24, 10, 12, 10, 8, 16],
                              ([a.code, a.name, a.get_category_display(), a.purchased_on, float(a.price),
                                a.get_condition_display(), a.location] for a in assets)),
                             (_("借用登记"), [_("借出日期"), _("设备"), _("借用人"), _("归还日期")], [12, 24, 12, 12],
                              ([x.lent_on, x.asset.name, person(x.worker), x.returned_on]
                               for x in loans.order_by("lent_on", "pk"))),
                         ]))


def awards(*, union, year: int, reveal: bool) -> Iterator[Item]:
    """评先评优: the year's evaluation as a workbook — the round (decision, 公示, final date), the groups'
    nominations with their votes, the honours with reward and voucher, the objections and answers — members masked
    unless ``reveal`` (a group honour names the group). An objection's reason and a group's discussion speak of a
    person, so they come only with ``reveal``; so do the certificates, which print the full name (the masked
    bundle's index says they exist)."""
    from unionhome.awards.documents import certificates_docx, download_name
    from unionhome.awards.models import Award, Nomination, Objection, Round

    person = _person(reveal)
    year_end = dt.date(year, 12, 31)

    def nominee(x) -> str:
        return person(x.worker) if x.worker_id else x.group.name

    for a in (Award.objects.filter(union=union, year=year).select_related("kind", "worker", "group")
              .order_by("kind", "pk")):
        yield IndexRow(area="evaluation", on=None, record=f"{a.kind} · {nominee(a)}", figure=_("年终评选"), ref=_ref(a))
    for r in Round.objects.filter(union=union, year=year).select_related("decision__item__meeting"):
        nominations = (Nomination.objects.filter(round=r).select_related("kind", "group", "worker")
                       .order_by("group__sort_order", "group__name", "kind__sort_order", "pk"))
        honours = (Award.objects.filter(round=r).select_related("kind", "group", "worker", "reward_entry")
                   .order_by("kind__sort_order", "group__sort_order", "pk"))
        objections = (Objection.objects.filter(round=r).select_related("award__kind", "award__worker", "award__group")
                      .order_by("pk"))
        decision = r.decision.item.meeting.title if r.decision_id else r.meeting_ref
        yield BundleFile(area="evaluation", name=_("%(year)s年度评先评优.xlsx") % {"year": year}, ref=_ref(r),
                         title=r.title, on=r.finalised_on or year_end, data=_book([
                             (_("评选过程"), [_("名称"), _("状态"), _("评定会议"), _("会议日期"), _("公示开始"),
                                          _("公示截止"), _("确定日期")], [30, 12, 30, 12, 12, 12, 12],
                              [[r.title, r.get_status_display(), decision, r.meeting_on, r.publicity_starts_on,
                                r.publicity_ends_on, r.finalised_on]]),
                             (_("小组推荐"), [_("工会小组"), _("荣誉"), _("被推荐人"), _("赞成票"), _("参加投票人数"),
                                          _("状态"), _("小组讨论意见")], [24, 16, 12, 8, 10, 10, 40],
                              ([n.group.name, n.kind.name, nominee(n), n.votes_for, n.voters, n.get_status_display(),
                                n.discussion if reveal else ""] for n in nominations)),
                             (_("荣誉名单"), [_("荣誉"), _("获评"), _("工会小组"), _("奖品"), _("奖品价值（元）"),
                                          _("凭证号"), _("证书编号"), _("公示后撤销")], [16, 12, 24, 20, 10, 10, 14, 10],
                              ([a.kind.name, nominee(a), a.group.name, a.kind.reward_item,
                                float(a.reward_value) if a.reward_value is not None else None,
                                a.reward_entry.voucher if a.reward_entry_id else "", a.certificate_no,
                                _("是") if a.withdrawn else ""] for a in honours)),
                             (_("公示异议"), [_("荣誉"), _("获评"), _("异议理由"), _("委员会答复"), _("异议成立")],
                              [16, 12, 40, 40, 10],
                              ([o.award.kind.name, nominee(o.award), o.reason if reveal else _("（仅在含完整姓名的台账包中）"),
                                o.answer if reveal else "", _("是") if o.upheld else _("否")] for o in objections)),
                         ]))
        if r.status == Round.Status.FINAL:
            if reveal:
                yield from _document("evaluation", download_name(r), lambda r=r: certificates_docx(r), ref=_ref(r),
                                     title=r.title, on=r.finalised_on)
            else:
                yield IndexRow(area="evaluation", on=r.finalised_on, counted=0, ref=None,
                               record=_("%(title)s荣誉证书：证书印有全名，仅在含完整姓名的台账包中") % {"title": r.title})


def funds(*, union, year: int, reveal: bool) -> Iterator[Item]:
    """The ledger book (welfare and hardship entries redacted: the bundle never carries who was helped and why),
    the 决算 workbook and congress documents, and the receipts of the other entries."""
    from unionhome.funds import final_accounts as fa
    from unionhome.funds.export import ledger_book_xlsx
    from unionhome.funds.models import EntryAttachment

    year_end = dt.date(year, 12, 31)
    yield from _document("funds", _("%(year)s年度经费收支明细账.xlsx") % {"year": year},
                         lambda: ledger_book_xlsx(union, year, 1, 12, confidential=False)[0],
                         title=_("经费收支明细账"), on=year_end)
    yield from _document("funds", fa.file_name(union, year, "xlsx"), lambda: fa.final_accounts_xlsx(union, year),
                         title=_("经费收支决算表"), on=year_end)
    yield from _document("funds", fa.file_name(union, year, "report"), lambda: fa.funds_report_docx(union, year),
                         title=_("经费收支情况报告"), on=year_end)
    review = fa.FinalAccountsReview.objects.filter(union=union, year=year).first()
    if review is not None:
        yield from _document("funds", fa.file_name(union, year, "review"), lambda: fa.review_report_docx(union, year),
                             title=_("经费审查报告"), on=review.reviewed_on)
    receipts = (EntryAttachment.objects.filter(union=union, entry__on__year=year, entry__confidential=False)
                .select_related("entry").order_by("entry__on", "entry__number", "pk"))
    for r in receipts:
        yield _stored("funds", r.file, ref=_ref(r.entry), title=r.entry.voucher, on=r.entry.on,
                      stem=_("票据-%(voucher)s-%(pk)s") % {"voucher": r.entry.voucher, "pk": r.pk})


def annual_report(*, union, year: int, reveal: bool) -> Iterator[Item]:
    """The year's 年度工作总结 (.docx, its appendix lists every figure's definition and records)."""
    from unionhome.reports.services import annual_report_bytes

    yield from _document("report", _("%(year)s年度工作总结.docx") % {"year": year},
                         lambda: annual_report_bytes(union=union, year=year), title=_("年度工作总结"),
                         on=dt.date(year, 12, 31))


def score_sheet(*, union, year: int, reveal: bool) -> Iterator[Item]:
    """The 职工之家 self-assessment score sheet (.xlsx and .docx), when the year has one."""
    from unionhome.assessment.documents import sheet_files

    for name, data in sheet_files(union, year).items():
        yield BundleFile(area="report", name=name, data=data, title=_("职工之家自评表"), on=dt.date(year, 12, 31))


@dataclass(frozen=True)
class Part:
    area: str
    label: str
    produce: Producer


PARTS: list[Part] = [
    Part("organisation", "records", figure_rows),
    Part("organisation", "members", roster_summary),
    Part("organisation", "elections", elections),
    Part("organisation", "plans", plans_and_rules),
    Part("democracy", "meetings", meetings),
    Part("democracy", "democracy", democracy),
    Part("care", "care", care),
    Part("culture", "activities", activity_photos),
    Part("culture", "culture", culture),
    Part("study", "study", study),
    Part("evaluation", "awards", awards),
    Part("funds", "funds", funds),
    Part("report", "reports", annual_report),
    Part("report", "assessment", score_sheet),
]
