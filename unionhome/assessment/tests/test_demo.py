"""The demo union shows a closed 会员评家 over 90% and a 2026 sheet the chair can finish and submit."""
import datetime as dt

import pytest
import time_machine

from unionhome.assessment import queries, services
from unionhome.core import figures as registry
from unionhome.core.figures import When

pytestmark = pytest.mark.django_db


@time_machine.travel(dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=True)
def test_the_demo_year_has_a_closed_survey_over_ninety_percent_and_a_sheet_to_finish():
    from unionhome.demo import builder

    ctx = builder.build_demo(today=dt.date(2026, 11, 24))
    rate = registry.compute(registry.get("assessment.satisfaction_rate"), ctx.union, When.for_year(2026))
    assert rate.value >= 90 and rate.denominator.count > 100
    a = queries.assessment_for(ctx.union, 2026)
    s = queries.sheet(a)
    assert s.unscored == 1 and not s.vetoes, [(sl.criterion.code, sl.shown) for sl in s.vetoes]
    assert all(sl.evidence for sl in s.lines if sl.criterion.method == "manual" and sl.points is not None)
    bas = a.lines.get(criterion__code="BAS-1")
    services.line_score(actor=ctx.chair_user, line=bas, points=5, note="职工书屋、活动室")
    a = services.assessment_submit(actor=ctx.chair_user, assessment=a)
    assert not a.vetoed and a.total >= 80
    total = registry.compute(registry.get("assessment.total_score"), ctx.union, When.for_year(2026))
    assert total.value == a.total
