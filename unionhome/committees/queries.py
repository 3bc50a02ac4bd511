"""Reads about committees: seat ranges, structure checks and warnings for the dashboard."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhome.committees.models import Committee, Position, Term
from unionhome.core.rules import rule_value
from unionhome.members.choices import Gender, MembershipStatus
from unionhome.members.models import Worker


def seat_range_for(*, union, members: int, on: dt.date | None = None) -> tuple[int, int]:
    for upper, low, high in rule_value("committees.seat_ranges", union=union, on=on):
        if upper is None or members <= upper:
            return low, high
    raise ValueError("seat range table has no open upper bound")


def congress_type_for(*, union, members: int, on: dt.date | None = None) -> str:
    """Rule 8: ≤100 members → 会员大会; larger unions may use a 会员代表大会."""
    limit = rule_value("committees.members_congress_max_members", union=union, on=on)
    return "members" if members <= limit else "representatives"


def current_terms(union) -> list[Term]:
    return list(Term.objects.filter(union=union).exclude(status=Term.Status.ENDED)
                .select_related("committee").order_by("committee__kind", "-number"))


def term_positions(term: Term):
    return term.positions.filter(ended_on__isnull=True).select_related("worker", "worker__membership")


@dataclass
class Warning:
    level: str  # "danger" | "warning" | "info"
    code: str
    message: str
    url_name: str = ""


def structure_warnings(union, *, today: dt.date | None = None) -> list[Warning]:
    today = today or timezone.localdate()
    out: list[Warning] = []
    counts = Worker.objects.filter(union=union).aggregate(
        members=Count("id", filter=Q(membership__status=MembershipStatus.ACTIVE)),
        women=Count("id", filter=Q(membership__status=MembershipStatus.ACTIVE, gender=Gender.FEMALE)))
    months = rule_value("committees.term_warning_months", union=union)
    terms = current_terms(union)
    kinds = {t.committee.kind for t in terms}
    threshold = rule_value("committees.committee_min_members", union=union)
    if Committee.Kind.UNION not in kinds and counts["members"] >= threshold:
        out.append(Warning("danger", "no_union_committee", _("尚未建立工会委员会")))
    elif Committee.Kind.UNION not in kinds and counts["members"]:
        # Rule 8 (工会法 art.11): below the threshold the union chooses its form.
        out.append(Warning("info", "small_union_options",
                           _("会员%(value)s人（不足%(threshold)s人）：可建立工会委员会、与其他单位联合建立基层工会委员会，或选举组织员一人") % {"value": counts['members'], "threshold": threshold}))
    min_women = rule_value("committees.women_committee_min_women", union=union)
    if counts["women"] >= min_women and Committee.Kind.WOMEN not in kinds:
        out.append(Warning("danger", "women_committee_required",
                           _("女会员%(value)s人（≥%(min_women)s人），须建立女职工委员会") % {"value": counts['women'], "min_women": min_women}))
    if 0 < counts["women"] < min_women and Committee.Kind.WOMEN not in kinds and not Position.objects.filter(
            union=union, term__in=[t for t in terms if t.committee.kind == Committee.Kind.UNION],
            title=Position.Title.WOMEN_MEMBER, ended_on__isnull=True).exists():
        out.append(Warning("warning", "women_member_required",
                           _("女会员%(value)s人（不足%(min_women)s人），工会委员会中须有一名女职工委员") % {"value": counts['women'], "min_women": min_women}))
    if Committee.Kind.AUDIT not in kinds and terms:
        out.append(Warning("danger", "audit_committee_missing", _("尚未建立经费审查委员会")))
    for term in terms:
        if term.organiser and counts["members"] >= threshold:
            out.append(Warning("danger", "organiser_outgrown",
                               _("会员已达%(value)s人（%(threshold)s人以上），应当建立工会委员会，不再只设组织员") % {"value": counts['members'], "threshold": threshold}))
        if term.status == Term.Status.ACTIVE:
            warn_from = term.ends_on - dt.timedelta(days=int(months * 30.5))
            if term.ends_on < today:
                out.append(Warning("danger", "term_overdue", _("%(term)s已于%(ends_on)s届满，须经上级批准延期或尽快换届") % {"term": term, "ends_on": term.ends_on}))
            elif warn_from <= today:
                out.append(Warning("warning", "term_ending", _("%(term)s将于%(ends_on)s届满，请筹备换届选举") % {"term": term, "ends_on": term.ends_on}))
        elif term.status == Term.Status.PENDING:
            out.append(Warning("info", "term_pending", _("%(term)s选举结果待上级工会批复") % {"term": term}))
        open_positions = list(term_positions(term))
        vacant_holders = [p for p in open_positions if not p.worker.is_active_member]
        empty = term.seats - len(open_positions)
        if term.status == Term.Status.ACTIVE and (empty > 0 or vacant_holders):
            names = _("、").join(p.worker.name for p in vacant_holders)
            detail = _("（%(names)s已不在会）") % {"names": names} if names else ""
            out.append(Warning("warning", "seat_vacant", _("%(term)s有%(value)s个空缺席位%(detail)s") % {"term": term, "value": empty + len(vacant_holders), "detail": detail}))
    from unionhome.org.models import UnionGroup

    for group in UnionGroup.objects.filter(union=union, leadership__isnull=True):
        out.append(Warning("warning", "group_without_leader", _("工会小组“%(name)s”没有负责人") % {"name": group.name}))
    return out


def union_member_count(union) -> int:
    return Worker.objects.filter(union=union, membership__status=MembershipStatus.ACTIVE).count()
