"""The year's sheet: criteria in force (with a union's own weight from a date on), automatic lines from the
registered figures, manual lines with evidence, the veto items, submission freezing the sheet; the documents."""
import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from unionhome.assessment import documents, queries, services
from unionhome.assessment.models import Criterion, ScoreLine
from unionhome.assessment.services_survey import survey_close
from unionhome.assessment.tests.helpers import MEMBERS, answer, sheet, survey
from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.models import AuditEntry, RuleSetting
from unionhome.core.testing.images import PNG

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _line(a, code) -> ScoreLine:
    return a.lines.get(criterion__code=code)


def _score_all_manual(cast, a, points=None):
    for line in a.lines.filter(criterion__method="manual").select_related("criterion"):
        services.line_score(actor=cast.users["chair"], line=line, points=points if points is not None
                            else line.criterion.points, note="见佐证")


def test_the_default_criteria_add_up_to_100_with_the_two_veto_items():
    criteria = queries.criteria_in_force(None, dt.date(2026, 12, 31))
    assert sum(c.points for c in criteria) == 100
    assert {c.code for c in criteria if c.veto} == {"ORG-1", "SAT-1"}
    assert all(c.source for c in criteria)


def test_a_union_sets_its_own_weight_from_a_date_on(cast):
    services.criterion_weight_set(actor=cast.users["chair"], union=cast.union, code="BAS-1", points=8,
                                  effective_from=dt.date(2027, 1, 1), reason="2026年12月委员会决定")
    on_2026 = {c.code: c.points for c in queries.criteria_in_force(cast.union, dt.date(2026, 12, 31))}
    on_2027 = {c.code: c.points for c in queries.criteria_in_force(cast.union, dt.date(2027, 12, 31))}
    assert on_2026["BAS-1"] == 5 and on_2027["BAS-1"] == 8
    other = {c.code: c.points for c in queries.criteria_in_force(cast.other_union, dt.date(2027, 12, 31))}
    assert other["BAS-1"] == 5
    with pytest.raises(RuleViolation) as err:
        services.criterion_weight_set(actor=cast.users["chair"], union=cast.union, code="BAS-1", points=8,
                                      effective_from=dt.date(2027, 2, 1), reason=" ")
    assert err.value.code == "reason_required"


def test_automatic_lines_read_the_registered_figures(cast):
    a = sheet(cast)
    s = queries.sheet(a)
    by = {sl.criterion.code: sl for sl in s.lines}
    # every cast worker is a member: 入会率 100% reaches the threshold → full points, no veto
    assert by["ORG-1"].points == 10 and by["ORG-1"].shown == "100.0%" and not by["ORG-1"].vetoed
    # no closed survey: the satisfaction rate is missing → a veto failure
    assert by["SAT-1"].points == 0 and by["SAT-1"].vetoed
    assert [sl.criterion.code for sl in s.vetoes] == ["SAT-1"]
    assert s.unscored == sum(1 for sl in s.lines if sl.criterion.method == "manual")


def test_the_membership_rate_below_its_rule_threshold_is_a_veto(cast):
    """Without the rule (assessment.membership_rate_min) 100% would always pass: raise it above what the union has."""
    a = sheet(cast)
    by = {sl.criterion.code: sl for sl in queries.sheet(a).lines}
    assert not by["ORG-1"].vetoed
    RuleSetting.objects.create(union=cast.union, key="assessment.membership_rate_min", value=101,
                               effective_from=dt.date(2026, 1, 1), source="测试")
    by = {sl.criterion.code: sl for sl in queries.sheet(a).lines}
    assert by["ORG-1"].vetoed and by["ORG-1"].points == Decimal("9.9")


def test_the_satisfaction_threshold_is_the_rule_figure(cast):
    s = survey(cast, open_=True)
    for i, role in enumerate(MEMBERS[:10]):
        answer(cast, s, role, ["S", "S", "D" if i < 4 else "B"])  # 26 of 30 satisfied: 86.7%
    survey_close(actor=cast.users["chair"], survey=s)
    by = {sl.criterion.code: sl for sl in queries.sheet(sheet(cast)).lines}
    assert by["SAT-1"].shown == "86.7%" and by["SAT-1"].vetoed and by["SAT-1"].points == Decimal("9.6")
    RuleSetting.objects.create(union=cast.union, key="assessment.satisfaction_min", value=85,
                               effective_from=dt.date(2026, 1, 1), source="测试")
    by = {sl.criterion.code: sl for sl in queries.sheet(queries.assessment_for(cast.union, 2026)).lines}
    assert not by["SAT-1"].vetoed and by["SAT-1"].points == 10


def test_manual_lines_take_points_within_the_criterion_and_evidence_files(cast):
    a = sheet(cast)
    line = _line(a, "ORG-2")
    with pytest.raises(RuleViolation) as err:
        services.line_score(actor=cast.users["chair"], line=line, points=9, note="")
    assert err.value.code == "points_range"
    services.line_score(actor=cast.users["chair"], line=line, points="7.5", note="2024年换届，已批复")
    line.refresh_from_db()
    assert line.points == Decimal("7.5") and line.scored_by == cast.users["chair"]
    with pytest.raises(RuleViolation) as err:
        services.line_score(actor=cast.users["chair"], line=_line(a, "ORG-1"), points=1)
    assert err.value.code == "line_is_auto"
    e = services.evidence_add(actor=cast.users["chair"], line=line, upload=SimpleUploadedFile("批复.pdf", PDF))
    assert e.content_type == "application/pdf" and e.name == "批复.pdf"
    services.evidence_add(actor=cast.users["chair"], line=line, upload=SimpleUploadedFile("照片.png", PNG))
    with pytest.raises(RuleViolation) as err:
        services.evidence_add(actor=cast.users["chair"], line=line,
                              upload=SimpleUploadedFile("a.exe", b"MZ\x90\x00" + b"\x00" * 40))
    assert err.value.code == "evidence_type" and "PDF" in err.value.message
    with pytest.raises(RuleViolation) as err:
        services.evidence_add(actor=cast.users["chair"], line=line, upload=SimpleUploadedFile("e.pdf", b""))
    assert err.value.code == "upload_empty"
    assert line.evidence.count() == 2
    assert AuditEntry.objects.filter(action="assessment.evidence.added").count() == 2


def test_evidence_size_and_count_are_rule_figures(cast):
    a = sheet(cast)
    line = _line(a, "ORG-3")
    RuleSetting.objects.create(union=cast.union, key="assessment.evidence_per_line_max", value=1,
                               effective_from=dt.date(2020, 1, 1), source="测试")
    services.evidence_add(actor=cast.users["chair"], line=line, upload=SimpleUploadedFile("a.pdf", PDF))
    with pytest.raises(RuleViolation) as err:
        services.evidence_add(actor=cast.users["chair"], line=line, upload=SimpleUploadedFile("b.pdf", PDF))
    assert err.value.code == "too_much_evidence"
    RuleSetting.objects.create(union=cast.union, key="assessment.evidence_max_bytes", value=10,
                               effective_from=dt.date(2020, 1, 1), source="测试")
    with pytest.raises(RuleViolation) as err:
        services.evidence_add(actor=cast.users["chair"], line=_line(a, "ORG-2"), upload=SimpleUploadedFile("c.pdf", PDF))
    assert err.value.code == "evidence_too_large"


def test_submitting_needs_every_manual_line_and_freezes_the_sheet(cast):
    a = sheet(cast)
    with pytest.raises(RuleViolation) as err:
        services.assessment_submit(actor=cast.users["chair"], assessment=a)
    assert err.value.code == "lines_unscored"
    _score_all_manual(cast, a)
    a = services.assessment_submit(actor=cast.users["chair"], assessment=a)
    assert a.status == "submitted" and a.vetoed  # no satisfaction survey: the veto item fails
    by = {ln.criterion.code: ln for ln in a.lines.select_related("criterion")}
    assert by["ORG-1"].figure_value == "100.0%" and by["ORG-1"].points == 10 and by["SAT-1"].vetoed
    assert a.total == sum(ln.points for ln in by.values())
    with pytest.raises(Conflict):
        services.line_score(actor=cast.users["chair"], line=by["ORG-2"], points=1)
    with pytest.raises(Conflict):
        services.evidence_add(actor=cast.users["chair"], line=by["ORG-2"], upload=SimpleUploadedFile("a.pdf", PDF))
    with pytest.raises(Conflict):
        services.assessment_submit(actor=cast.users["chair"], assessment=a)
    # frozen: a later change of the records does not move the submitted sheet
    from unionhome.members.services import membership_leave

    membership_leave(actor=None, worker=cast.workers["member"], on=dt.date.today(), note="测试")
    s = queries.sheet(a)
    assert {sl.criterion.code: sl.points for sl in s.lines}["ORG-1"] == 10 and s.total == a.total


def test_a_year_has_one_sheet(cast):
    sheet(cast)
    with pytest.raises(Conflict):
        sheet(cast)


def test_the_documents_show_each_line_with_its_evidence(cast):
    a = sheet(cast)
    line = _line(a, "ORG-2")
    services.line_score(actor=cast.users["chair"], line=line, points=8, note="按期换届")
    services.evidence_add(actor=cast.users["chair"], line=line, upload=SimpleUploadedFile("换届批复.pdf", PDF))
    files = documents.sheet_files(cast.union, 2026)
    assert set(files) == {"2026年职工之家自评表.xlsx", "2026年职工之家自评表.docx"}
    with zipfile.ZipFile(io.BytesIO(files["2026年职工之家自评表.docx"])) as z:
        xml = z.read("word/document.xml").decode()
    assert "换届批复.pdf" in xml and "按期换届" in xml and "入会率" in xml and "一票否决" in xml
    with zipfile.ZipFile(io.BytesIO(files["2026年职工之家自评表.xlsx"])) as z:
        strings = z.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in z.namelist() else ""
        sheet_xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "换届批复.pdf" in strings + sheet_xml
    assert documents.sheet_files(cast.union, 2025) == {}


def test_criteria_constraints_hold():
    from django.db import IntegrityError, transaction

    with transaction.atomic(), pytest.raises(IntegrityError):
        Criterion.objects.create(code="X", area="a", title="t", points=1, method="auto", figure="", source="s",
                                 effective_from=dt.date(2026, 1, 1))
