"""送温暖: a festival campaign over open hardship files and retirees, each visit tracked to done."""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from unionhome.care.models import HardshipFile, WarmthCampaign, WarmthVisit
from unionhome.care.models.hardship import AssistanceKind, FileStatus
from unionhome.care.models.visits import Festival, GiftForm, VisitKind
from unionhome.care.services.hardship import assistance_record
from unionhome.care.services.ledger import amount_checked
from unionhome.care.services.visits import refuse_future, visit_record
from unionhome.core.audit import audit_log, snapshot
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.members.models import Worker


@transaction.atomic
def warmth_campaign_create(*, actor, union, name: str, festival: str, year: int, default_amount) -> WarmthCampaign:
    if not (name or "").strip():
        raise RuleViolation("name_required", _("请填写活动名称"), field="name")
    if festival not in Festival.values:
        raise RuleViolation("festival_required", _("请选择节日"), field="festival")
    amount = amount_checked(default_amount, "default_amount")
    campaign = WarmthCampaign.objects.create(union=union, name=name.strip(), festival=festival, year=year,
                                             default_amount=amount)
    audit_log(actor=actor, action="care.warmth.created", target=campaign, after=snapshot(campaign))
    return campaign


def _open(campaign: WarmthCampaign) -> WarmthCampaign:
    campaign = WarmthCampaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.closed:
        raise Conflict("warmth_closed", _("活动已结束"))
    return campaign


@transaction.atomic
def warmth_campaign_select(*, actor, campaign: WarmthCampaign, needy: bool = True, retirees: bool = True) -> int:
    """Add every open hardship household and every retired member not yet on the list."""
    campaign = _open(campaign)
    have = set(campaign.visits.values_list("worker_id", flat=True))
    rows = []
    if needy:
        for file in HardshipFile.objects.filter(union=campaign.union, status=FileStatus.OPEN).select_related("worker"):
            if file.worker_id not in have:
                have.add(file.worker_id)
                rows.append(WarmthVisit(union=campaign.union, campaign=campaign, worker=file.worker, file=file,
                                        target=WarmthVisit.Target.NEEDY, amount=campaign.default_amount))
    if retirees:
        for worker in Worker.objects.filter(union=campaign.union, employment_status="retired",
                                            membership__status="retained"):
            if worker.pk not in have:
                have.add(worker.pk)
                rows.append(WarmthVisit(union=campaign.union, campaign=campaign, worker=worker,
                                        target=WarmthVisit.Target.RETIREE, amount=campaign.default_amount))
    WarmthVisit.objects.bulk_create(rows)
    audit_log(actor=actor, action="care.warmth.selected", target=campaign, after={"added": len(rows)})
    return len(rows)


@transaction.atomic
def warmth_visit_assign(*, actor, visit: WarmthVisit, officer: Worker) -> WarmthVisit:
    _open(visit.campaign)
    visit = WarmthVisit.objects.select_for_update().get(pk=visit.pk)
    if officer.union_id != visit.union_id:
        raise RuleViolation("officer_other_union", _("走访人不属于本工会"), field="officer")
    if visit.done:
        raise Conflict("warmth_visit_done", _("该户已走访完成"))
    before = {"officer": visit.officer_id}
    visit.officer = officer
    visit.save(update_fields=["officer", "updated_at"])
    audit_log(actor=actor, action="care.warmth.assigned", target=visit, before=before, after={"officer": officer.pk})
    return visit


@transaction.atomic
def warmth_visit_done(*, actor, visit: WarmthVisit, on: dt.date, amount=None, gift: str = "", note: str = "",
                      override_reason: str = "") -> WarmthVisit:
    """Mark a visit done and book it: a needy household as 送温暖 assistance (维权支出 → 送温暖费),
    a retiree as a festival gift through the welfare rules (caps, in kind)."""
    refuse_future(on, field="on", what=_("走访日期"))
    campaign = _open(visit.campaign)
    visit = WarmthVisit.objects.select_for_update(of=("self",)).select_related("worker", "file").get(pk=visit.pk)
    if visit.done:
        raise Conflict("warmth_visit_done", _("该户已走访完成"))
    amount = visit.amount if amount in (None, "") else amount_checked(amount, "amount")
    officers = [visit.officer] if visit.officer_id else []
    if visit.target == WarmthVisit.Target.NEEDY:
        if visit.file is None or visit.file.status != FileStatus.OPEN:
            raise RuleViolation("hardship_not_open", _("该户档案已销档，不能以困难帮扶入账"))
        record = assistance_record(actor=actor, file=visit.file, kind=AssistanceKind.WARMTH, amount=amount,
                                   given_on=on, description=f"{campaign.name} {gift}".strip())
        visit.ledger_ref = f"assistance:{record.pk}"
    else:
        record = visit_record(actor=actor, union=visit.union, worker=visit.worker, kind=VisitKind.RETIREE_FESTIVAL,
                              visited_on=on, amount=amount, gift_form=GiftForm.GOODS, gift=gift or campaign.name,
                              festival=campaign.festival, officers=officers, note=note,
                              override_reason=override_reason)
        visit.ledger_ref = f"visit:{record.pk}"
    visit.done_on, visit.amount, visit.gift, visit.note = on, amount, gift.strip(), note.strip()
    visit.save()
    audit_log(actor=actor, action="care.warmth.done", target=visit,
              after={"done_on": on, "amount": amount, "ledger_ref": visit.ledger_ref})
    return visit


@transaction.atomic
def warmth_visit_report(*, actor, visit: WarmthVisit, visitor: Worker | None, on: dt.date, gift: str = "",
                        note: str = "") -> WarmthVisit:
    """The committee member who went records the visit (care.manage, without the hardship files): the household
    is already on the campaign's list (the hardship officer put it there), it is the visitor's own — sent there by
    the hardship officer, or a retiree nobody was sent to yet, whom the visitor takes — and it is booked at the
    household's standard amount, which only the hardship officer or the chair changes (``warmth_visit_done``)."""
    if visitor is None:
        raise RuleViolation("visitor_unknown", _("您的账号没有关联会员，不能登记走访"))
    if visitor.union_id != visit.union_id:
        raise RuleViolation("officer_other_union", _("走访人不属于本工会"))
    _open(visit.campaign)
    visit = WarmthVisit.objects.select_for_update(of=("self",)).get(pk=visit.pk)
    if visit.done:
        raise Conflict("warmth_visit_done", _("该户已走访完成"))
    if visit.officer_id is None and visit.target == WarmthVisit.Target.RETIREE:
        visit.officer = visitor
        visit.save(update_fields=["officer", "updated_at"])
    elif visit.officer_id != visitor.pk:
        raise RuleViolation("warmth_not_your_visit",
                            _("该户不是安排给您的走访对象，请联系困难帮扶专干安排"), field="visit")
    visit = warmth_visit_done(actor=actor, visit=visit, on=on, amount=None, gift=gift, note=note)
    audit_log(actor=actor, action="care.warmth.visited", target=visit,
              after={"visitor": visitor.pk, "done_on": on, "gift": visit.gift})
    return visit


@transaction.atomic
def warmth_campaign_close(*, actor, campaign: WarmthCampaign) -> WarmthCampaign:
    campaign = _open(campaign)
    left = campaign.visits.filter(done_on__isnull=True).count()
    if left:
        raise Conflict("warmth_not_finished", _("还有 %(left)s 户未走访，不能结束活动") % {"left": left})
    campaign.closed = True
    campaign.save(update_fields=["closed", "updated_at"])
    audit_log(actor=actor, action="care.warmth.closed", target=campaign, after={"closed": True})
    return campaign
