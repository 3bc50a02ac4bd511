"""Reads of the self-assessment: the criteria in force, a year's score sheet with each line's figure and evidence,
a survey's results (only once it is closed: a live tally next to a live list of who answered would tell how
each member answered)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q

from unionhome.assessment.models import SATISFIED_CHOICES, Answer, Assessment, Choice, Criterion, ScoreLine, Survey
from unionhome.core import figures as registry
from unionhome.core.figures import When
from unionhome.core.rules import rule_value

TENTH = Decimal("0.1")


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def assessments_of(union):
    return Assessment.objects.filter(union=union)


def surveys_of(union):
    return Survey.objects.filter(union=union)


def criteria_own(union):
    """The union's own weights, each code's versions newest first."""
    return Criterion.objects.filter(union=union).order_by("code", "-effective_from")


def respondent_count(survey: Survey) -> int:
    return survey.respondents.count()


def criteria_in_force(union, on: dt.date) -> list[Criterion]:
    """Each code's version in force on ``on``: the union's own (latest from a date not after ``on``) over the
    shipped default (its latest such version)."""
    rows = Criterion.objects.filter(Q(union__isnull=True) | Q(union=union), effective_from__lte=on)
    best: dict[str, Criterion] = {}
    for c in rows:
        key = (1 if c.union_id else 0, c.effective_from, c.pk)
        have = best.get(c.code)
        if have is None or key > (1 if have.union_id else 0, have.effective_from, have.pk):
            best[c.code] = c
    return sorted(best.values(), key=lambda c: (c.order, c.code))


@dataclass
class Scored:
    """An automatic line's result: points, the figure's value as shown, whether a veto threshold is missed."""

    points: Decimal
    shown: str
    vetoed: bool
    threshold: object = None


def auto_score(criterion: Criterion, union, year: int) -> Scored:
    """Score a line from its registered figure (docs/rules.md §4.1): a rate against its rule threshold — full
    points at or above it, else in proportion — or a count — full points when it lists at least one record."""
    figure = registry.get(criterion.figure)
    value = registry.compute(figure, union, When.for_year(year), with_parts=False)
    if criterion.threshold_rule:
        threshold = Decimal(str(rule_value(criterion.threshold_rule, union=union, on=year_end(year))))
        rate = Decimal(str(value.value)) if value.value is not None else None
        shown = f"{rate}%" if rate is not None else "—"
        if rate is not None and rate >= threshold:
            return Scored(criterion.points, shown, False, threshold)
        share = (rate or Decimal(0)) / threshold if threshold else Decimal(0)
        points = (criterion.points * share).quantize(TENTH, rounding=ROUND_HALF_UP)
        return Scored(points, shown, criterion.veto, threshold)
    shown = str(value.value)
    return Scored(criterion.points if value.count else Decimal(0), shown, False)


@dataclass
class SheetLine:
    line: ScoreLine
    criterion: Criterion
    points: Decimal | None
    shown: str = ""
    vetoed: bool = False
    threshold: object = None
    evidence: list = field(default_factory=list)


@dataclass
class Sheet:
    assessment: Assessment
    lines: list[SheetLine]
    total: Decimal
    full: Decimal
    vetoes: list[SheetLine]
    unscored: int
    frozen: bool

    @property
    def areas(self) -> list[tuple[str, list[SheetLine]]]:
        out: list[tuple[str, list[SheetLine]]] = []
        for sl in self.lines:
            if not out or out[-1][0] != sl.criterion.area:
                out.append((sl.criterion.area, []))
            out[-1][1].append(sl)
        return out


def sheet(assessment: Assessment) -> Sheet:
    """The year's sheet. A submitted sheet shows what was frozen at submission; a draft computes its automatic
    lines from the figures now."""
    lines = list(assessment.lines.select_related("criterion").prefetch_related("evidence"))
    out = []
    for line in lines:
        c = line.criterion
        sl = SheetLine(line, c, line.points, line.figure_value, evidence=list(line.evidence.all()))
        if c.method == Criterion.Method.AUTO:
            if assessment.is_frozen:
                sl.vetoed = line.vetoed
            else:
                scored = auto_score(c, assessment.union, assessment.year)
                sl.points, sl.shown, sl.vetoed, sl.threshold = scored.points, scored.shown, scored.vetoed, scored.threshold
        out.append(sl)
    total = sum((sl.points or Decimal(0) for sl in out), Decimal(0))
    return Sheet(assessment, out, total, sum((sl.criterion.points for sl in out), Decimal(0)),
                 [sl for sl in out if sl.vetoed], sum(1 for sl in out if sl.points is None), assessment.is_frozen)


def assessment_for(union, year: int) -> Assessment | None:
    return Assessment.objects.filter(union=union, year=year).first()


def survey_results(survey: Survey) -> dict:
    """Per question, the count of each choice; the satisfaction rate; the responses. Empty until closed."""
    if survey.status != Survey.Status.CLOSED:
        return {"closed": False}
    rows = (Answer.objects.filter(survey=survey, filled=True).order_by().values("question", "choice")
            .annotate(n=Count("pk")))
    counts = {(r["question"], r["choice"]): r["n"] for r in rows}
    questions = []
    for i, text in enumerate(survey.questions):
        by = [{"choice": c.value, "label": c.label, "n": counts.get((i, c.value), 0)} for c in Choice]
        questions.append({"index": i, "text": text, "choices": by, "answers": sum(b["n"] for b in by)})
    answers = sum(counts.values())
    satisfied = sum(n for (_q, c), n in counts.items() if c in SATISFIED_CHOICES)
    comments = list(Answer.objects.filter(survey=survey, filled=True).exclude(comment="")
                    .order_by("question", "comment").values_list("question", "comment"))
    return {"closed": True, "questions": questions, "answers": answers, "satisfied": satisfied,
            "rate": round(100.0 * satisfied / answers, 1) if answers else None,
            "respondents": survey.respondents.count(), "entitled": survey.entitled,
            "comments": [{"question": q, "text": t} for q, t in comments]}


def open_surveys_for(union):
    return Survey.objects.filter(union=union, status=Survey.Status.OPEN)


def has_answered(survey: Survey, worker) -> bool:
    return worker is not None and survey.respondents.filter(worker=worker).exists()
