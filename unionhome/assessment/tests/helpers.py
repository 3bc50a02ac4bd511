"""Test data for the self-assessment, built through the services."""
from __future__ import annotations

from unionhome.assessment import services, services_survey
from unionhome.assessment.models import Survey

QUESTIONS = ["组织建设是否满意？", "维权服务是否满意？", "总体评价？"]


def sheet(cast, year=2026):
    return services.assessment_open(actor=cast.users["chair"], union=cast.union, year=year)


def survey(cast, year=2026, open_=False, questions=QUESTIONS) -> Survey:
    s = services_survey.survey_create(actor=cast.users["chair"], union=cast.union, year=year, title="评家",
                                      questions=list(questions))
    if open_:
        s = services_survey.survey_open(actor=cast.users["chair"], survey=s)
    return s


def answer(cast, s, role, choices=None, comments=()):
    services_survey.survey_answer(actor=cast.users.get(role), survey=s, worker=cast.workers[role],
                                  choices=choices or ["S"] * len(s.questions), comments=list(comments))


MEMBERS = ("member", "group_leader", "committee", "women_committee", "auditor", "finance", "hardship_officer", "chair",
           "admin", "group1_worker", "group2_worker")
