"""Reads about meetings, decisions, regulations and goals: quorum, follow-up, the current version, the diff."""
from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhome.committees.models import Committee, Position, Term
from unionhome.core.rules import rule_value
from unionhome.elections.models import Election, Elector
from unionhome.meetings.models import AgendaItem, Attendee, Decision, Goal, Meeting, Regulation, RegulationVersion
from unionhome.members.choices import MembershipStatus
from unionhome.members.models import Worker

# Which committee's current term a meeting of each kind invites.
COMMITTEE_OF_KIND = {Meeting.Kind.COMMITTEE: Committee.Kind.UNION, Meeting.Kind.SPECIAL: Committee.Kind.UNION,
                     Meeting.Kind.JOINT: Committee.Kind.UNION, Meeting.Kind.WOMEN: Committee.Kind.WOMEN,
                     Meeting.Kind.AUDIT: Committee.Kind.AUDIT}


@dataclass(frozen=True)
class Ratio:
    """A threshold as configured: ``">1/2"`` (more than half) or ``">=2/3"`` (at least two thirds)."""

    fraction: Fraction
    inclusive: bool

    @classmethod
    def parse(cls, text: str) -> Ratio:
        text = str(text).strip()
        inclusive = text.startswith(">=")
        return cls(Fraction(text.lstrip(">=").strip()), inclusive)

    def met(self, count: int, base: int) -> bool:
        if base <= 0:
            return False
        share = Fraction(count, base)
        return share >= self.fraction if self.inclusive else share > self.fraction

    def needed(self, base: int) -> int:
        """The smallest count that meets the threshold out of ``base``."""
        return next((n for n in range(base + 1) if self.met(n, base)), base + 1)


def current_term(union, committee_kind: str) -> Term | None:
    return (Term.objects.filter(union=union, committee__kind=committee_kind, status=Term.Status.ACTIVE)
            .order_by("-number").first())


def representatives(union) -> list[Worker]:
    """The 会员代表 of the union's latest representatives' congress election (常任制: they serve the whole term),
    members in good standing only; empty when the union holds a 会员大会."""
    election = (Election.objects.filter(union=union, body=Election.Body.REPRESENTATIVES, electors__isnull=False)
                .order_by("-held_on", "-id").first())
    if election is None:
        return []
    ids = Elector.objects.filter(election=election).values("worker_id")
    return list(Worker.objects.filter(pk__in=ids, membership__status=MembershipStatus.ACTIVE).order_by("name"))


def invitees(union, kind: str, *, term: Term | None = None, group=None) -> list[Worker]:
    """Who a meeting of ``kind`` invites: the body's current term (committees), the group's members, the
    representatives (or every member in good standing when the union holds a 会员大会)."""
    if kind in COMMITTEE_OF_KIND:
        if term is None:
            return []
        ids = Position.objects.filter(term=term, ended_on__isnull=True).values("worker_id")
        return list(Worker.objects.filter(pk__in=ids).order_by("name"))
    active = Worker.objects.filter(union=union, membership__status=MembershipStatus.ACTIVE)
    if kind == Meeting.Kind.GROUP:
        return list(active.filter(group=group).order_by("name")) if group is not None else []
    return representatives(union) or list(active.order_by("name"))


@dataclass
class Quorum:
    invited: int
    present: int
    leave: int
    absent: int
    unmarked: int
    needed: int
    met: bool
    rule: str


def quorum(meeting: Meeting) -> Quorum:
    counts = dict(meeting.attendees.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    invited = sum(counts.values())
    present = counts.get(Attendee.Status.PRESENT, 0)
    text = rule_value("meetings.quorum", union=meeting.union, on=meeting.held_on)[meeting.kind]
    ratio = Ratio.parse(text)
    return Quorum(invited=invited, present=present, leave=counts.get(Attendee.Status.LEAVE, 0),
                  absent=counts.get(Attendee.Status.ABSENT, 0), unmarked=counts.get(Attendee.Status.INVITED, 0),
                  needed=ratio.needed(invited), met=ratio.met(present, invited), rule=text)


def meeting_list(union, *, year: int | None = None) -> QuerySet[Meeting]:
    qs = Meeting.objects.for_union(union).select_related("group", "term__committee")
    return qs.filter(held_on__year=year) if year else qs


@dataclass
class MeetingView:
    meeting: Meeting
    items: list[AgendaItem]
    attendees: list[Attendee]
    quorum: Quorum


def meeting_view(meeting: Meeting) -> MeetingView:
    items = list(meeting.items.prefetch_related("decisions__owner"))
    attendees = list(meeting.attendees.select_related("worker", "worker__unit").order_by("worker__name"))
    return MeetingView(meeting, items, attendees, quorum(meeting))


def decisions_open(union) -> QuerySet[Decision]:
    return (Decision.objects.filter(union=union, outcome=Decision.Outcome.ADOPTED, status=Decision.Status.OPEN)
            .select_related("item__meeting", "owner").order_by("due_on", "id"))


def decisions_overdue(union, *, today: dt.date | None = None) -> QuerySet[Decision]:
    return decisions_open(union).filter(due_on__lt=today or timezone.localdate())


def held_in_year(union, kind: str, year: int) -> bool:
    return Meeting.objects.filter(union=union, kind=kind, held_on__year=year,
                                  status__in=[Meeting.Status.HELD, Meeting.Status.CLOSED]).exists()


def adopted_decisions(union) -> QuerySet[Decision]:
    """Decisions a regulation version may cite as its adoption."""
    return (Decision.objects.filter(union=union, outcome=Decision.Outcome.ADOPTED)
            .select_related("item__meeting").order_by("-item__meeting__held_on", "-id"))


def regulation_list(union, *, on: dt.date | None = None) -> list[tuple[Regulation, RegulationVersion | None]]:
    on = on or timezone.localdate()
    regulations = list(Regulation.objects.for_union(union).prefetch_related("versions"))
    return [(r, current_version(r, on=on, versions=list(r.versions.all()))) for r in regulations]


def current_version(regulation: Regulation, *, on: dt.date | None = None,
                    versions: list[RegulationVersion] | None = None) -> RegulationVersion | None:
    """The version in force on ``on``: the latest whose effective date has come."""
    on = on or timezone.localdate()
    versions = versions if versions is not None else list(regulation.versions.all())
    in_force = [v for v in versions if v.effective_on <= on]
    return max(in_force, key=lambda v: v.effective_on) if in_force else None


def versions_of(regulation: Regulation) -> list[RegulationVersion]:
    return list(regulation.versions.select_related("decision__item__meeting").order_by("-number"))


@dataclass
class DiffLine:
    op: str  # "same" | "added" | "removed"
    text: str


def version_diff(old: RegulationVersion, new: RegulationVersion) -> list[DiffLine]:
    """What changed between two versions, line by line (the template escapes the text and marks the lines)."""
    ops = {" ": "same", "+": "added", "-": "removed"}
    return [DiffLine(ops[line[0]], line[2:])
            for line in difflib.ndiff(old.text.splitlines(), new.text.splitlines()) if line[0] in ops]


def goal_list(union, *, year: int) -> QuerySet[Goal]:
    return Goal.objects.for_union(union).filter(year=year).select_related("worker").order_by("worker__name", "id")


def committee_members(union, *, year: int) -> QuerySet[Worker]:
    """Who may have goals for ``year``: anyone holding an office in a term that covers part of the year."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    held = Position.objects.filter(union=union, started_on__lte=end).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=start)).values("worker_id")
    return Worker.objects.filter(pk__in=held).order_by("name")


@dataclass
class YearWarning:
    level: str  # "danger" | "warning"
    code: str
    message: str
    url_name: str


def year_warnings(union, *, today: dt.date | None = None) -> list[YearWarning]:
    """The dashboard's reminders: no special meeting on union work by the configured month, no congress by its
    month (rule 14: at least once a year), adopted decisions past their due date."""
    today = today or timezone.localdate()
    out: list[YearWarning] = []
    checks = ((Meeting.Kind.SPECIAL, "meetings.special_meeting_by_month", "meeting_special_missing",
               _("%(year)s年尚未召开工会工作专题会议（应于%(month)s月底前召开）")),
              (Meeting.Kind.CONGRESS, "meetings.congress_by_month", "meeting_congress_missing",
               _("%(year)s年尚未召开会员（代表）大会（每年至少一次，提醒月份%(month)s月）")))
    for kind, key, code, text in checks:
        month = int(rule_value(key, union=union, on=today))
        if today.month >= month and not held_in_year(union, kind, today.year):
            out.append(YearWarning("danger" if today.month > month else "warning", code,
                                   text % {"year": today.year, "month": month}, "meetings:list"))
    overdue = decisions_overdue(union, today=today).count()
    if overdue:
        out.append(YearWarning("warning", "meeting_decisions_overdue",
                               _("%(n)s项会议决定已过完成期限尚未落实") % {"n": overdue}, "meetings:decisions"))
    return out
