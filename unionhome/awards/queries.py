"""Reads of the year-end evaluation: the round's lists, the honours register and the report's figures."""
from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from unionhome.awards.models import Award, Nomination, Objection, Round


def round_list(union) -> QuerySet[Round]:
    return Round.objects.filter(union=union).annotate(
        honoured=Count("awards", filter=Q(awards__withdrawn=False), distinct=True))


def nominations_of(round: Round) -> QuerySet[Nomination]:
    return (Nomination.objects.filter(round=round)
            .select_related("kind", "group", "worker", "worker__unit").order_by("group__name", "kind__sort_order", "pk"))


def awards_of(round: Round, *, standing_only: bool = False) -> QuerySet[Award]:
    qs = Award.objects.filter(round=round).select_related("kind", "group", "worker", "worker__unit", "reward_entry")
    if standing_only:
        qs = qs.filter(withdrawn=False)
    return qs.order_by("group__name", "kind__sort_order", "pk")


def objections_of(round: Round) -> QuerySet[Objection]:
    return Objection.objects.filter(round=round).select_related("award__worker", "award__kind").order_by("pk")


def publicity_visible(round: Round) -> bool:
    """Members see the list from 公示 on; before that only the committee does."""
    return round.status in (Round.Status.PUBLISHED, Round.Status.FINAL)


def _final(union) -> QuerySet[Award]:
    """Honours that stand: the round is final and no upheld objection withdrew them."""
    return Award.objects.filter(union=union, round__status=Round.Status.FINAL, withdrawn=False)


def honours_register(union, *, worker_id: int | None = None) -> list[dict]:
    """Each honoured member's honours across years (名册), by name; one query."""
    qs = (_final(union).filter(worker__isnull=False).select_related("worker", "kind", "group")
          .order_by("worker__name_pinyin", "worker_id", "year"))
    if worker_id is not None:
        qs = qs.filter(worker_id=worker_id)
    people: dict[int, dict] = {}
    for a in qs:
        row = people.setdefault(a.worker_id, {"worker": a.worker, "group": a.group.name, "honours": []})
        row["honours"].append({"year": a.year, "kind": a.kind.name, "certificate_no": a.certificate_no})
    return list(people.values())


def group_honours(union) -> list[dict]:
    """Each honoured group's group honours (优秀工会小组) across years; one query."""
    groups: dict[int, dict] = {}
    for a in (_final(union).filter(worker__isnull=True).select_related("kind", "group")
              .order_by("group__sort_order", "group__name", "year")):
        row = groups.setdefault(a.group_id, {"group": a.group, "honours": []})
        row["honours"].append({"year": a.year, "kind": a.kind.name, "certificate_no": a.certificate_no})
    return list(groups.values())


def honours_by_kind(union, year: int) -> list[dict]:
    return list(_final(union).filter(year=year).values("kind__name").annotate(n=Count("pk")).order_by("kind__name"))


def honours_by_group(union, year: int) -> list[dict]:
    return list(_final(union).filter(year=year).values("group__name", "group__sort_order").annotate(n=Count("pk"))
                .order_by("group__sort_order", "group__name"))


def honours_by_gender(union, year: int) -> list[dict]:
    return list(_final(union).filter(year=year, worker__isnull=False).values("worker__gender").annotate(n=Count("pk"))
                .order_by("worker__gender"))


def honours_by_ethnicity(union, year: int) -> list[dict]:
    return list(_final(union).filter(year=year, worker__isnull=False).values("worker__ethnicity").annotate(n=Count("pk"))
                .order_by("-n", "worker__ethnicity"))


def honoured_consecutive_years(union, year: int) -> list[dict]:
    """Members honoured both in ``year`` and the year before (any kind)."""
    both = (_final(union).filter(year=year, worker__isnull=False, worker__in=_final(union).filter(year=year - 1).values("worker_id"))
            .select_related("worker", "group").order_by("worker__name_pinyin"))
    seen, rows = set(), []
    for a in both:
        if a.worker_id not in seen:
            seen.add(a.worker_id)
            rows.append({"worker_id": a.worker_id, "name": a.worker.name, "group": a.group.name})
    return rows


def figures(union, year: int) -> dict:
    """The report's counts, read from the figures registry (``awards/figures.py``): each is the count of the list
    behind it on ``/figures/<key>/``."""
    from unionhome.core import figures as registry
    from unionhome.core.figures import Scope, When

    when = When.for_year(year)

    def parts(key: str) -> list[dict]:
        value = registry.compute(registry.get(key), union, when)
        return [{"label": str(p["label"]), "n": p["value"]} for p in value.parts if p["value"]]

    consecutive = registry.record_list(registry.get("awards.consecutive"), union, when, Scope())
    return {
        "year": year,
        "by_kind": parts("awards.honours"),
        "by_group": parts("awards.honours_by_group"),
        "by_gender": parts("awards.people_by_gender"),
        "by_ethnicity": parts("awards.people_by_ethnicity"),
        "consecutive": [{"worker_id": w.pk, "name": w.name, "group": w.group.name if w.group_id else ""}
                        for w in consecutive],
    }
