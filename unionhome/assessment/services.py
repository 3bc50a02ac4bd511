"""Writes of the 职工之家 self-assessment (issue 12 §5; docs/rules.md §4): open a year's sheet, score its manual
lines with evidence, set a union's own weight for a criterion from a date on, and submit (freeze) the sheet.
Each is atomic and audited."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from unionhome.assessment.models import Assessment, Criterion, Evidence, ScoreLine
from unionhome.assessment.queries import auto_score, criteria_in_force, year_end
from unionhome.core import uploads
from unionhome.core.audit import audit_log
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.rules import rule_value

# Evidence: a scan (PDF) or a photo of the record, as an assessor accepts it.
EVIDENCE = uploads.Accept(
    kinds=(*uploads.IMAGES, uploads.PDF),
    wrong_type=("evidence_type", gettext_lazy("佐证只能上传 PDF 或 JPG、PNG、GIF、WebP 图片")),
    too_large=("evidence_too_large", gettext_lazy("佐证文件不能超过 {mb} MB")))


def _points(value, most: Decimal) -> Decimal:
    try:
        points = Decimal(str(value)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        raise RuleViolation("points_invalid", gettext("请填写得分"), field="points") from None
    if points < 0 or points > most:
        raise RuleViolation("points_range", gettext("得分应在 0 至 %(most)s 分之间") % {"most": most}, field="points")
    return points


def _draft(assessment: Assessment) -> Assessment:
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.is_frozen:
        raise Conflict("assessment_submitted", gettext("自评已提交，不能再修改"))
    return assessment


@transaction.atomic
def assessment_open(*, actor, union, year: int) -> Assessment:
    """Open the year's sheet with one line per criterion in force on the year's last day."""
    if Assessment.objects.filter(union=union, year=year).exists():
        raise Conflict("assessment_exists", gettext("%(year)s年的自评已建立") % {"year": year})
    if not 2000 <= year <= timezone.localdate().year + 1:
        raise RuleViolation("year_invalid", gettext("年度不正确"), field="year")
    criteria = criteria_in_force(union, year_end(year))
    if not criteria:
        raise RuleViolation("no_criteria", gettext("该年度没有生效的评分标准"), field="year")
    assessment = Assessment.objects.create(union=union, year=year)
    ScoreLine.objects.bulk_create([ScoreLine(union=union, assessment=assessment, criterion=c) for c in criteria])
    audit_log(actor=actor, action="assessment.assessment.opened", target=assessment,
              after={"year": year, "lines": assessment.lines.count()})
    return assessment


def _manual_line(line: ScoreLine) -> ScoreLine:
    line = ScoreLine.objects.select_related("criterion", "assessment").get(pk=line.pk)
    _draft(line.assessment)
    if line.criterion.method != Criterion.Method.MANUAL:
        raise RuleViolation("line_is_auto", gettext("该项按登记的数字自动评分，不能手工打分"))
    return line


@transaction.atomic
def line_score(*, actor, line: ScoreLine, points, note: str = "") -> ScoreLine:
    """Score a manual line (0 to the criterion's points) with a note on what the evidence shows."""
    line = _manual_line(line)
    before = {"points": str(line.points) if line.points is not None else None, "note": line.note}
    line.points = _points(points, line.criterion.points)
    line.note = (note or "").strip()[:2000]
    line.scored_by = actor
    line.save(update_fields=["points", "note", "scored_by", "updated_at"])
    audit_log(actor=actor, action="assessment.line.scored", target=line.assessment, before=before,
              after={"criterion": line.criterion.code, "points": str(line.points), "note": line.note})
    return line


@transaction.atomic
def evidence_add(*, actor, line: ScoreLine, upload) -> Evidence:
    """Attach a file to a manual line: a PDF or an image, under ``assessment.evidence_max_bytes``, at most
    ``assessment.evidence_per_line_max`` per line."""
    line = _manual_line(line)
    union = line.union
    most = int(rule_value("assessment.evidence_per_line_max", union=union))
    if line.evidence.count() >= most:
        raise RuleViolation("too_much_evidence", gettext("每个评分项最多 %(most)s 个佐证文件") % {"most": most}, field="file")
    kind = uploads.upload_check(upload, accept=EVIDENCE,
                                max_bytes=int(rule_value("assessment.evidence_max_bytes", union=union)))
    name = (getattr(upload, "name", "") or "").strip()[-200:] or f"evidence.{kind.ext}"
    evidence = Evidence(union=union, line=line, name=name, content_type=kind.content_type, size=upload.size,
                        uploaded_by=actor)
    uploads.upload_store(evidence.file, upload, kind)
    evidence.save()
    audit_log(actor=actor, action="assessment.evidence.added", target=line.assessment,
              after={"criterion": line.criterion.code, "file": evidence.file.name, "name": name, "size": evidence.size})
    return evidence


@transaction.atomic
def evidence_remove(*, actor, evidence: Evidence) -> None:
    line = _manual_line(evidence.line)
    before = {"criterion": line.criterion.code, "file": evidence.file.name, "name": evidence.name}
    evidence.file.delete(save=False)
    evidence.delete()
    audit_log(actor=actor, action="assessment.evidence.removed", target=line.assessment, before=before)


@transaction.atomic
def assessment_submit(*, actor, assessment: Assessment) -> Assessment:
    """The chair submits the sheet: every manual line must be scored; the automatic lines are scored from the
    figures now and frozen with the figure's value, the total and whether a veto item failed (docs/rules.md §4:
    入会率 and 会员满意率 below their thresholds fail the assessment whatever the total)."""
    assessment = _draft(assessment)
    lines = list(assessment.lines.select_related("criterion"))
    missing = [ln.criterion.code for ln in lines if ln.criterion.method == Criterion.Method.MANUAL and ln.points is None]
    if missing:
        raise RuleViolation("lines_unscored", gettext("还有评分项未打分：%(codes)s") % {"codes": gettext("、").join(missing)})
    for line in lines:
        if line.criterion.method == Criterion.Method.AUTO:
            scored = auto_score(line.criterion, assessment.union, assessment.year)
            line.points, line.figure_value, line.vetoed = scored.points, scored.shown, scored.vetoed
            line.save(update_fields=["points", "figure_value", "vetoed", "updated_at"])
    assessment.total = sum((ln.points for ln in lines), Decimal(0))
    assessment.vetoed = any(ln.vetoed for ln in lines)
    assessment.status = Assessment.Status.SUBMITTED
    assessment.submitted_at, assessment.submitted_by = timezone.now(), actor
    assessment.save(update_fields=["total", "vetoed", "status", "submitted_at", "submitted_by", "updated_at"])
    audit_log(actor=actor, action="assessment.assessment.submitted", target=assessment,
              after={"total": str(assessment.total), "vetoed": assessment.vetoed,
                     "vetoes": [ln.criterion.code for ln in lines if ln.vetoed]})
    return assessment


@transaction.atomic
def criterion_weight_set(*, actor, union, code: str, points, effective_from: dt.date, reason: str = "") -> Criterion:
    """A union's own weight for a criterion from a date on (a new version of the line; sheets opened before keep
    theirs). The source says who decided it."""
    current = next((c for c in criteria_in_force(union, effective_from) if c.code == code), None)
    if current is None:
        raise RuleViolation("criterion_unknown", gettext("没有这个评分项"), field="code")
    points = _points(points, Decimal("100"))
    if not reason.strip():
        raise RuleViolation("reason_required", gettext("请写明调整分值的依据（如委员会决定）"), field="reason")
    if Criterion.objects.filter(union=union, code=code, effective_from=effective_from).exists():
        raise Conflict("criterion_version_exists", gettext("该评分项在这一天已有本会设定"))
    version = Criterion.objects.create(
        union=union, code=code, area=current.area, title=current.title, guidance=current.guidance, points=points,
        method=current.method, figure=current.figure, threshold_rule=current.threshold_rule, veto=current.veto,
        source=reason.strip()[:300], effective_from=effective_from, order=current.order)
    audit_log(actor=actor, action="assessment.criterion.weight_set", union=union, target=version,
              before={"points": str(current.points)},
              after={"code": code, "points": str(points), "effective_from": effective_from.isoformat(),
                     "source": version.source})
    return version
