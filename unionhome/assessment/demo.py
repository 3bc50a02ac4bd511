"""The demo union's 职工之家 self-assessment for the year: a 会员评家 its members answered (closed, over 90%
satisfied), and the sheet with the manual lines scored and evidenced, one left for the chair to score before
submitting."""
from __future__ import annotations

import random

from django.core.files.uploadedfile import SimpleUploadedFile

from unionhome.assessment import services, services_survey
from unionhome.members.queries import in_membership_on

# A one-page PDF standing for the scanned record (the demo has no scanner).
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
       b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
COMMENTS = ["希望多组织户外活动", "食堂可以再改进", "送温暖很及时", ""]
# code, points, note, evidence file name (None: left for the chair)
MANUAL = [
    ("ORG-2", 8, "2024年按期换届，县总工会已批复；经审会、女职委健全。", "换届选举批复.pdf"),
    ("ORG-3", 4, "3月召开会员大会，审议工作报告和经费收支情况。", "会员大会记录.pdf"),
    ("DEM-1", 9, "政务公开按季度进行，公开栏和内网同步。", "政务公开记录.pdf"),
    ("DEM-2", 8, "配合局办公室签订女职工权益保护专项集体合同。", "专项集体合同.pdf"),
    ("FUN-2", 11, "经审委员会审查年度收支并在会员大会报告。", "经审审查报告.pdf"),
]


def build(ctx) -> None:
    chair, year = ctx.chair_user, ctx.today.year
    survey = services_survey.survey_create(actor=chair, union=ctx.union, year=year,
                                           title=f"{year}年度会员评家", questions=[str(q) for q in services_survey.DEFAULT_QUESTIONS])
    survey = services_survey.survey_open(actor=chair, survey=survey)
    rng = random.Random(2026)
    members = [w for w in ctx.workers if w.union_id == ctx.union.pk]
    entitled = set(services_survey.entitled_workers(ctx.union).filter(in_membership_on(None))
                   .values_list("pk", flat=True))
    answering = [w for w in members if w.pk in entitled]
    answering = answering[: max(1, len(answering) * 9 // 10)]  # nine in ten took part
    for w in answering:
        choices = [rng.choices("SBD", weights=(70, 27, 3))[0] for _ in survey.questions]
        comments = [rng.choice(COMMENTS) if i == len(survey.questions) - 1 else "" for i in range(len(choices))]
        services_survey.survey_answer(actor=None, survey=survey, worker=w, choices=choices, comments=comments)
    services_survey.survey_close(actor=chair, survey=survey)
    assessment = services.assessment_open(actor=chair, union=ctx.union, year=year)
    lines = {ln.criterion.code: ln for ln in assessment.lines.select_related("criterion")}
    for code, points, note, filename in MANUAL:
        services.line_score(actor=chair, line=lines[code], points=points, note=note)
        services.evidence_add(actor=chair, line=lines[code], upload=SimpleUploadedFile(filename, PDF))
