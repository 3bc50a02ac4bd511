"""Disclosures' figures: items published (each publication or revision), inspections held, rectifications closed."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from unionhome.core.figures import Column, Figure, Period, choices_parts, register
from unionhome.disclosures.models import DisclosureItem, DisclosureVersion, Inspection, Rectification


def _published(union, when):
    return (DisclosureVersion.objects.filter(union=union, published_on__range=(when.start, when.end))
            .select_related("item").order_by("published_on", "pk"))


def _inspections(union, when):
    return (Inspection.objects.filter(union=union, status=Inspection.Status.DONE,
                                      held_on__range=(when.start, when.end)).order_by("held_on", "pk"))


def _closed(union, when):
    return (Rectification.objects.filter(union=union, status=Rectification.Status.CLOSED,
                                         closed_on__range=(when.start, when.end))
            .select_related("owner", "finding").order_by("closed_on", "pk"))


register(Figure(
    key="disclosures.published", name=_("公开事项发布"), order=95, records=_published, period=Period.YEAR,
    date_field="published_on",
    definition=_("本年度公开（首次公开或修订后重新公开）的政务（会务）公开事项，按公开日期计，每发布一个版本计一次。"),
    perm="disclosures.view", unit_word=_("项次"), parts=choices_parts(DisclosureItem.Kind), part_field="item__kind",
    columns=(Column(_("公开日期"), lambda r: r.published_on), Column(_("公开事项"), lambda r: r.item.title),
             Column(_("类别"), lambda r: r.item.get_kind_display()), Column(_("版本"), lambda r: r.number))))
register(Figure(
    key="disclosures.inspections", name=_("开展公开检查"), order=96, records=_inspections, period=Period.YEAR,
    date_field="held_on", definition=_("本年度已完成的公开检查（定期检查、随机抽查、整改复查），按检查日期计。"),
    perm="disclosures.inspect", unit_word=_("次"), parts=choices_parts(Inspection.Kind), part_field="kind",
    columns=(Column(_("检查日期"), lambda r: r.held_on), Column(_("检查方式"), lambda r: r.get_kind_display()),
             Column(_("检查结论"), lambda r: r.summary))))
register(Figure(
    key="disclosures.rectifications_closed", name=_("完成整改"), order=97, records=_closed, period=Period.YEAR,
    date_field="closed_on", definition=_("本年度经复查确认整改完毕的问题，按复查确认日期计。"),
    perm="disclosures.inspect", unit_word=_("项"),
    columns=(Column(_("复查确认日期"), lambda r: r.closed_on), Column(_("整改要求"), lambda r: r.demand),
             Column(_("整改期限"), lambda r: r.deadline), Column(_("复查意见"), lambda r: r.closing_note))))
