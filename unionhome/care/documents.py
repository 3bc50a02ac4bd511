"""The year's care summary (关爱服务台账汇总) for the 台账 bundle: a Word document and a workbook.

Every count is a registered figure (``care/figures.py``) or a count of that figure's own record list, so the
summary and the report cannot disagree: the visits by kind are ``care.visits`` and its parts, the health check's
attendance is ``care.health_check_women``'s records grouped by campaign and day, 送温暖 is
``care.warmth_recipients``'s records grouped by campaign. Amounts are the sums of the same records, and each
visit carries the budget category and voucher its ledger posting was booked under.

A person is written through ``person`` (a worker → the text to show), so the caller decides how names appear
(the bundle masks them unless its requester may see them). What is never written, whoever asks: a health check's
result or who attended it (health data: only the campaign's counts), a needy household's file (category, cause,
income), a visit's free-text note, and whether a patient had surgery.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhome.care.models import Assistance, CareVisit, HealthCheckCampaign, WarmthCampaign, WarmthVisit
from unionhome.care.models.visits import Festival, VisitKind
from unionhome.care.queries import festival_gaps, health_figures
from unionhome.core import figures as registry
from unionhome.core.docx import clean, cn_date, new_document, to_bytes
from unionhome.core.figures import Scope, Value, When
from unionhome.core.xlsx import SheetBook
from unionhome.funds.chart import category_names
from unionhome.funds.queries import postings_for

Person = Callable[[object], str]
FIGURE_KEYS = ("care.visits", "care.health_check_women", "care.warmth_recipients", "care.donations",
               "care.blood_donors")
FESTIVAL_KINDS = (VisitKind.FESTIVAL, VisitKind.RETIREE_FESTIVAL)


@dataclass
class Line:
    """One visit or 送温暖 household as the summary prints it."""

    on: dt.date | None
    person: str
    unit: str
    what: str  # the kind of visit, or the campaign
    detail: str  # relation, festival, gift
    amount: Decimal
    category: str  # 经费科目 (budget category) of its posting
    voucher: str
    approval: str
    evidence: str
    pk: int = 0


@dataclass
class CareYear:
    union: object
    year: int
    when: When
    values: list[Value]
    kinds: list[dict]  # {"label", "count", "amount"}: care.visits' parts
    visits: list[Line]
    festivals: list[dict]  # {"label", "visits", "amount", "needy", "not_visited"}
    health: list[dict]  # {"name", "clinic", "days", "invited", "scheduled", "attended", "screening", "by_day"}
    warmth: list[dict]  # {"name", "festival", "standard", "by_target", "amount", "lines"}
    photos: dict[int, list] = field(default_factory=dict)  # visit pk → its photos (the bundle's evidence files)

    def value(self, key: str) -> Value | None:
        return next((v for v in self.values if v.figure.key == key), None)

    @property
    def empty(self) -> bool:
        return not any(v.count for v in self.values)


def _money(value) -> Decimal:
    return registry.money(value)


def _category(entry, names: dict) -> str:
    if entry is None:
        return ""
    parent = names.get((entry.kind, entry.category, ""), entry.category)
    return f"{parent}—{entry.account_item.label}" if entry.subcategory else str(parent)


def _approval(payout) -> str:
    """What the funds rules asked for this payout: a cap passed with the chair's reason, or the chair's
    confirmation of a payout made under the national rule."""
    if payout is None:
        return ""
    parts = []
    if payout.override_reason:
        parts.append(_("超标准经批准：%(reason)s") % {"reason": payout.override_reason})
    if payout.needs_confirmation:
        parts.append(_("按全国规定发放，主席已确认（%(on)s）") % {"on": cn_date(timezone.localtime(payout.confirmed_at).date())}
                     if payout.confirmed_at else _("按全国规定发放，待主席确认"))
    if payout.reversed:
        parts.append(_("已冲销"))
    return _("；").join(parts) or _("在标准内")


def care_year(union, year: int, *, person: Person, photos_included: bool, today: dt.date | None = None) -> CareYear:
    """The year's care records for the summary. ``photos_included`` says whether the visits' photos travel with
    the summary (the bundle includes them only when it names people in full)."""
    when = When.for_year(year, today=today)
    names = category_names(when.end)
    figures = {k: registry.get(k) for k in FIGURE_KEYS}
    values = [registry.compute(f, union, when) for f in figures.values() if f is not None]

    kinds, visits, photo_map = [], [], {}
    fig = figures["care.visits"]
    if fig is not None:
        value = next(v for v in values if v.figure.key == fig.key)
        amounts = dict(registry.record_list(fig, union, when, Scope()).order_by().values("kind")
                       .annotate(total=Sum("amount")).values_list("kind", "total"))
        kinds = [{"label": str(p["label"]), "count": p["count"], "amount": _money(amounts.get(p["key"]))}
                 for p in value.parts]
        qs = (registry.record_list(fig, union, when, Scope())
              .select_related("worker__unit", "payout__entry__account_item").prefetch_related("officers", "photos"))
        for v in qs:
            photos = list(v.photos.all())
            if photos:
                photo_map[v.pk] = photos
            detail = [x for x in (v.get_relation_display() if v.relation else "",
                                  v.get_festival_display() if v.festival else "",
                                  _("%(form)s：%(gift)s") % {"form": v.get_gift_form_display(), "gift": v.gift} if v.gift else v.get_gift_form_display()) if x]
            evidence = []
            if photos:
                evidence.append((_("照片%(n)s张") % {"n": len(photos)}) if photos_included else
                                _("照片%(n)s张（仅在含完整姓名的台账包中）") % {"n": len(photos)})
            officers = _("、").join(person(o) for o in v.officers.all())
            if officers:
                evidence.append(_("参加慰问：%(names)s") % {"names": officers})
            entry = v.payout.entry if v.payout_id else None
            visits.append(Line(on=v.visited_on, person=person(v.worker), unit=v.worker.unit.name if v.worker.unit_id else "",
                               what=v.get_kind_display(), detail=_("；").join(detail), amount=v.amount,
                               category=_category(entry, names), voucher=entry.voucher if entry else "",
                               approval=_approval(v.payout) if v.payout_id else "", evidence=_("；").join(evidence), pk=v.pk))

    return CareYear(union=union, year=year, when=when, values=values, kinds=kinds, visits=visits,
                    festivals=_festivals(union, when, fig, figures["care.warmth_recipients"]),
                    health=_health(union, when, figures["care.health_check_women"]),
                    warmth=_warmth(union, when, figures["care.warmth_recipients"], person, names),
                    photos=photo_map)


def _festivals(union, when: When, visits_fig, warmth_fig) -> list[dict]:
    """Festival visits by festival: the care.visits records of the festival kinds, the needy households of the
    送温暖 campaigns held for that festival, and the retirees not visited for the standing-rule festivals."""
    by_festival: dict[str, dict] = {}

    def row(key: str) -> dict:
        label = Festival(key).label if key in Festival.values else (key or _("（未注明节日）"))
        return by_festival.setdefault(key, {"label": str(label), "visits": 0, "amount": Decimal("0"), "needy": 0,
                                            "not_visited": None})

    if visits_fig is not None:
        for r in (registry.record_list(visits_fig, union, when, Scope()).filter(kind__in=FESTIVAL_KINDS).order_by()
                  .values("festival").annotate(n=Count("pk"), total=Sum("amount"))):
            x = row(r["festival"])
            x["visits"] += r["n"]
            x["amount"] += _money(r["total"])
    if warmth_fig is not None:
        for r in (registry.record_list(warmth_fig, union, when, Scope()).filter(target=WarmthVisit.Target.NEEDY)
                  .order_by().values("campaign__festival").annotate(n=Count("pk"), total=Sum("amount"))):
            x = row(r["campaign__festival"])
            x["needy"] += r["n"]
            x["amount"] += _money(r["total"])
    for gap in festival_gaps(union, today=when.as_of, year=when.year):
        if gap.day <= when.as_of:
            row(gap.festival)["not_visited"] = len(gap.retirees)
    order = {f: i for i, f in enumerate(Festival.values)}
    return [by_festival[k] for k in sorted(by_festival, key=lambda k: order.get(k, 99))]


def _health(union, when: When, fig) -> list[dict]:
    """Each health-check campaign the year's attendance belongs to, with its counts: attended from the figure's
    records (grouped by campaign and day), invited and booked from the campaign. No name, no result."""
    if fig is None:
        return []
    attended: dict[int, dict] = defaultdict(dict)
    for r in (registry.record_list(fig, union, when, Scope()).order_by().values("campaign_id", "attended_on")
              .annotate(n=Count("pk"))):
        attended[r["campaign_id"]][r["attended_on"]] = r["n"]
    held = set(HealthCheckCampaign.objects.filter(union=union, slots__day__range=(when.start, when.end))
               .values_list("pk", flat=True))
    out = []
    for c in HealthCheckCampaign.objects.filter(pk__in=held | set(attended)).order_by("pk"):
        counts = health_figures(c)
        mine = attended.get(c.pk, {})
        days = sorted(set(counts["by_day"]) | set(mine))
        out.append({"name": c.name, "clinic": c.clinic, "days": days, "invited": counts["invited"],
                    "scheduled": counts["scheduled"], "attended": sum(mine.values()), "screening": counts["screening"],
                    "by_day": [{"day": d, "capacity": counts["by_day"].get(d, {}).get("capacity", 0),
                                "scheduled": counts["by_day"].get(d, {}).get("scheduled", 0),
                                "attended": mine.get(d, 0)} for d in days]})
    return out


def _warmth(union, when: When, fig, person: Person, names: dict) -> list[dict]:
    """送温暖 by campaign: the figure's records (households visited in the year) with amount, budget category,
    voucher and what approved them; a needy household shows only its name as the caller writes it and that its
    file was open (never the file's contents)."""
    if fig is None:
        return []
    rows = list(registry.record_list(fig, union, when, Scope())
                .select_related("worker__unit", "campaign", "officer", "file"))
    visit_ids = {int(r.ledger_ref.split(":")[1]) for r in rows if r.ledger_ref.startswith("visit:")}
    assist_ids = {int(r.ledger_ref.split(":")[1]) for r in rows if r.ledger_ref.startswith("assistance:")}
    visits = CareVisit.objects.filter(pk__in=visit_ids).select_related("payout__entry__account_item").in_bulk()
    assistance = Assistance.objects.filter(pk__in=assist_ids).in_bulk()
    posted = postings_for(assistance.values())
    campaigns: dict[int, dict] = {}
    for r in rows:
        c: WarmthCampaign = r.campaign
        x = campaigns.setdefault(c.pk, {"name": c.name, "festival": c.get_festival_display(),
                                        "standard": c.default_amount, "amount": Decimal("0"), "lines": [],
                                        "by_target": dict.fromkeys(WarmthVisit.Target.values, 0)})
        x["by_target"][r.target] += 1
        x["amount"] += r.amount
        kind, _sep, pk = r.ledger_ref.partition(":")
        entry, approval = None, ""
        if kind == "visit" and pk and int(pk) in visits:
            v = visits[int(pk)]
            entry = v.payout.entry if v.payout_id else None
            approval = _approval(v.payout) if v.payout_id else ""
        elif kind == "assistance" and pk:
            entry = posted.get(int(pk))
            approval = (_("困难职工档案在档（%(on)s建档），建档在先、帮扶在后") % {"on": cn_date(r.file.opened_on)}
                        if r.file_id else "")
        evidence = _("走访人：%(name)s") % {"name": person(r.officer)} if r.officer_id else ""
        x["lines"].append(Line(on=r.done_on, person=person(r.worker), unit=r.worker.unit.name if r.worker.unit_id else "",
                               what=r.get_target_display(), detail=r.gift, amount=r.amount,
                               category=_category(entry, names), voucher=entry.voucher if entry else "",
                               approval=approval, evidence=evidence, pk=r.pk))
    return list(campaigns.values())


def _figure_text(v: Value) -> str:
    return f"{v.value}{v.figure.unit_word}"


def _mode(masked: bool) -> str:
    return _("个人信息已脱敏") if masked else _("含完整姓名")


def summary_xlsx(cy: CareYear, *, masked: bool) -> bytes:
    """The workbook: the figures, every visit, the festivals, the health check's counts, 送温暖."""
    book = SheetBook()
    book.sheet(_("统计数字"), [_("统计数字"), _("数值"), _("单位"), _("口径"), _("统计截至")], [24, 12, 6, 60, 12],
               [[str(v.figure.name), float(v.value) if isinstance(v.value, Decimal) else v.value,
                 str(v.figure.unit_word), str(v.figure.definition), cy.when.as_of] for v in cy.values]
               + [[f"  {k['label']}", k["count"], _("人次"), _("慰问金额 %(amount)s 元") % {"amount": k["amount"]}, None]
                  for k in cy.kinds]
               + [[_("（%(mode)s）") % {"mode": _mode(masked)}, None, None, None, None]])
    header = [_("日期"), _("慰问对象"), _("单位"), _("慰问类型"), _("内容"), _("金额（元）"), _("经费科目"), _("凭证号"),
              _("审批"), _("佐证")]
    widths = [11, 10, 16, 16, 24, 10, 22, 10, 30, 30]
    book.sheet(_("慰问记录"), header, widths,
               ([x.on, x.person, x.unit, x.what, x.detail, float(x.amount), x.category, x.voucher, x.approval, x.evidence]
                for x in cy.visits))
    book.sheet(_("节日慰问"), [_("节日"), _("慰问人次"), _("送温暖困难职工（户）"), _("金额（元）"), _("未慰问的退休职工（人）")],
               [12, 10, 16, 12, 18],
               ([f["label"], f["visits"], f["needy"], float(f["amount"]),
                 "" if f["not_visited"] is None else f["not_visited"]] for f in cy.festivals))
    book.sheet(_("女职工健康检查"), [_("活动"), _("合作医疗机构"), _("日期"), _("名额"), _("通知人数"), _("预约人数"),
                                  _("体检人数"), _("含两癌筛查")], [24, 24, 12, 8, 10, 10, 10, 10],
               _health_rows(cy.health))
    book.sheet(_("送温暖"), [_("活动"), _("节日"), _("走访日期"), _("对象"), _("姓名"), _("单位"), _("慰问品"),
                           _("金额（元）"), _("经费科目"), _("凭证号"), _("审批"), _("走访人")],
               [20, 8, 11, 10, 10, 16, 16, 10, 22, 10, 30, 14],
               ([w["name"], w["festival"], x.on, x.what, x.person, x.unit, x.detail, float(x.amount), x.category,
                 x.voucher, x.approval, x.evidence] for w in cy.warmth for x in w["lines"]))
    return book.close()


def _health_rows(health: list[dict]):
    for h in health:
        yield [h["name"], h["clinic"], _("合计"), sum(d["capacity"] for d in h["by_day"]), h["invited"], h["scheduled"],
               h["attended"], h["screening"]]
        for d in h["by_day"]:
            yield ["", "", d["day"], d["capacity"], None, d["scheduled"], d["attended"], None]


def _table(doc, header: list[str], rows: list[list]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for i, text in enumerate(header):
        table.rows[0].cells[i].text = clean(text)
    for row in rows:
        cells = table.add_row().cells
        for i, value in enumerate(row):
            cells[i].text = clean(cn_date(value) if isinstance(value, dt.date) else ("" if value is None else value))


def summary_docx(cy: CareYear, *, masked: bool) -> bytes:
    """The Word document (A4, Chinese dates): the figures in words, then the tables."""
    doc = new_document(size=10.5)
    doc.add_heading(clean(_("%(union)s %(year)s年度关爱服务台账汇总") % {"union": cy.union.name, "year": cy.year}),
                    level=1)
    doc.add_paragraph(clean(_("统计截至%(as_of)s，生成于%(on)s；%(mode)s。") % {
        "as_of": cn_date(cy.when.as_of), "on": cn_date(timezone.localdate()), "mode": _mode(masked)}))

    doc.add_heading(_("一、统计数字"), level=2)
    _table(doc, [_("统计数字"), _("数值"), _("口径")],
           [[str(v.figure.name), _figure_text(v), str(v.figure.definition)] for v in cy.values])

    doc.add_heading(_("二、慰问（婚丧病退、生日、节日）"), level=2)
    visits = cy.value("care.visits")
    if visits is not None:
        doc.add_paragraph(clean(_("本年度慰问%(n)s人次，慰问金额合计%(amount)s元。") % {
            "n": visits.value, "amount": sum((k["amount"] for k in cy.kinds), Decimal("0"))}))
    _table(doc, [_("慰问类型"), _("人次"), _("金额（元）")],
           [[k["label"], str(k["count"]), str(k["amount"])] for k in cy.kinds if k["count"]])
    if cy.visits:
        doc.add_paragraph(_("慰问明细："))
        _table(doc, [_("日期"), _("对象"), _("类型"), _("金额（元）"), _("经费科目"), _("凭证号"), _("审批"), _("佐证")],
               [[x.on, x.person, x.what, str(x.amount), x.category, x.voucher, x.approval, x.evidence]
                for x in cy.visits])

    doc.add_heading(_("三、节日慰问"), level=2)
    doc.add_paragraph(_("退休职工在国庆、元旦、春节前走访慰问（常规制度）；困难职工在送温暖活动中走访。"))
    _table(doc, [_("节日"), _("慰问人次"), _("送温暖困难职工（户）"), _("金额（元）"), _("未慰问的退休职工（人）")],
           [[f["label"], str(f["visits"]), str(f["needy"]), str(f["amount"]),
             "—" if f["not_visited"] is None else str(f["not_visited"])] for f in cy.festivals])

    doc.add_heading(_("四、女职工健康检查"), level=2)
    health = cy.value("care.health_check_women")
    if health is not None:
        doc.add_paragraph(clean(_("本年度参加妇检的女职工%(n)s人次。本表只列人数，不含任何人的姓名和检查结果（健康信息）。") % {
            "n": health.value}))
    _table(doc, [_("活动"), _("合作医疗机构"), _("日期"), _("名额"), _("通知"), _("预约"), _("体检")],
           [[r[0], r[1], r[2], str(r[3]), "" if r[4] is None else str(r[4]), str(r[5]), str(r[6])]
            for r in _health_rows(cy.health)])

    doc.add_heading(_("五、送温暖"), level=2)
    warmth = cy.value("care.warmth_recipients")
    if warmth is not None:
        doc.add_paragraph(clean(_("本年度送温暖走访%(n)s户（困难职工%(needy)s户，退休职工%(retiree)s户）。") % {
            "n": warmth.value, **{p["key"]: p["value"] for p in warmth.parts}}))
    for w in cy.warmth:
        doc.add_paragraph(clean(_("%(name)s（%(festival)s，每户标准%(standard)s元）：走访%(n)s户，合计%(amount)s元。") % {
            "name": w["name"], "festival": w["festival"], "standard": w["standard"], "n": len(w["lines"]),
            "amount": w["amount"]}))
        _table(doc, [_("走访日期"), _("对象"), _("姓名"), _("金额（元）"), _("经费科目"), _("凭证号"), _("审批"), _("走访人")],
               [[x.on, x.what, x.person, str(x.amount), x.category, x.voucher, x.approval, x.evidence]
                for x in w["lines"]])
    return to_bytes(doc)


def file_stem(year: int) -> str:
    return _("%(year)s年度关爱服务台账汇总") % {"year": year}
