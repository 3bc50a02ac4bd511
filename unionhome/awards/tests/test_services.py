"""One test per rule of the year-end evaluation (awards/services.py)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from unionhome.awards import queries, services
from unionhome.awards.models import Award, Nomination, Round
from unionhome.awards.tests.helpers import days_ago, decided, final, kind, nominate, published, round_
from unionhome.core import cncalendar
from unionhome.core.errors import Conflict, Forbidden, RuleViolation
from unionhome.core.models import AuditEntry, RuleSetting
from unionhome.funds.models import LedgerEntry
from unionhome.members.services import membership_retire

pytestmark = pytest.mark.django_db


def test_a_union_holds_one_round_per_year(cast):
    round_(cast)
    with pytest.raises(Conflict) as exc:
        round_(cast, kinds=[kind(cast, name="优秀会员")])
    assert exc.value.code == "round_exists"


def test_a_group_nominates_at_most_its_quota_per_honour(cast):
    r = round_(cast)
    nominate(cast, r, ("member", "group1_worker"))
    with pytest.raises(RuleViolation) as exc:
        nominate(cast, r, ("chair",))
    assert exc.value.code == "quota_full"
    nominate(cast, r, ("group2_worker",))  # another group has its own quota


def test_the_quota_is_a_rule_figure_the_union_can_change(cast):
    RuleSetting.objects.create(union=cast.union, key="awards.quota_per_group", value=1, source="本会评选办法",
                               effective_from=days_ago(400))
    r = round_(cast)
    nominate(cast, r, ("member",))
    with pytest.raises(RuleViolation):
        nominate(cast, r, ("group1_worker",))


def test_a_member_is_nominated_once_per_honour(cast):
    r = round_(cast)
    nominate(cast, r, ("member",))
    with pytest.raises(Conflict) as exc:
        nominate(cast, r, ("member",))
    assert exc.value.code == "already_nominated"


def test_only_active_members_on_the_roster_are_eligible(cast):
    r = round_(cast)
    membership_retire(actor=None, worker=cast.workers["member"], on=days_ago(30))
    with pytest.raises(RuleViolation) as exc:
        nominate(cast, r, ("member",))
    assert exc.value.code == "not_eligible"


def test_an_excluded_member_cannot_be_nominated(cast):
    r = round_(cast)
    services.exclusion_add(actor=None, round=r, worker=cast.workers["member"], ground="受到党纪政务处分")
    with pytest.raises(RuleViolation) as exc:
        nominate(cast, r, ("member",))
    assert exc.value.code == "not_eligible" and "受到党纪政务处分" in exc.value.message


def test_an_exclusion_needs_a_configured_ground(cast):
    r = round_(cast)
    with pytest.raises(RuleViolation) as exc:
        services.exclusion_add(actor=None, round=r, worker=cast.workers["member"], ground="看着不顺眼")
    assert exc.value.code == "ground_invalid"


def test_an_exclusion_after_nomination_keeps_the_member_from_the_decision(cast):
    r = round_(cast)
    (n,) = nominate(cast, r, ("member",))
    services.exclusion_add(actor=None, round=r, worker=cast.workers["member"], ground="年度考核不称职")
    with pytest.raises(RuleViolation) as exc:
        services.round_decide(actor=None, round=r, chosen=[n.pk], meeting_ref="会议", meeting_on=days_ago(1))
    assert exc.value.code == "not_eligible"


def test_a_group_leader_enters_only_their_own_groups_result(cast):
    r = round_(cast)
    leader = cast.users["group_leader"]
    services.nomination_add(actor=leader, round=r, kind=r.kinds.first(), worker=cast.workers["member"])
    with pytest.raises(Forbidden) as exc:
        services.nomination_add(actor=leader, round=r, kind=r.kinds.first(), worker=cast.workers["group2_worker"])
    assert exc.value.code == "not_your_group"


def test_a_vote_count_cannot_exceed_the_voters_nor_the_group(cast):
    r = round_(cast)
    k = r.kinds.first()
    with pytest.raises(RuleViolation) as exc:
        services.nomination_add(actor=None, round=r, kind=k, worker=cast.workers["member"], votes_for=5, voters=3)
    assert exc.value.code == "votes_invalid"
    with pytest.raises(RuleViolation) as exc:
        services.nomination_add(actor=None, round=r, kind=k, worker=cast.workers["member"], votes_for=3, voters=30)
    assert exc.value.code == "voters_invalid"
    n = services.nomination_add(actor=None, round=r, kind=k, worker=cast.workers["member"], votes_for=3, voters=4,
                                discussion="全组一致推荐")
    assert (n.votes_for, n.voters) == (3, 4)


def test_the_committee_decides_within_the_quota_and_records_the_meeting(cast):
    RuleSetting.objects.create(union=cast.union, key="awards.quota_per_group", value=1, source="本会评选办法",
                               effective_from=days_ago(400))
    r = round_(cast)
    RuleSetting.objects.filter(key="awards.quota_per_group").delete()
    noms = nominate(cast, r, ("member", "group1_worker"))
    RuleSetting.objects.create(union=cast.union, key="awards.quota_per_group", value=1, source="本会评选办法",
                               effective_from=days_ago(400))
    with pytest.raises(RuleViolation) as exc:
        services.round_decide(actor=None, round=r, chosen=[n.pk for n in noms], meeting_ref="会议",
                              meeting_on=days_ago(1))
    assert exc.value.code == "quota_exceeded"
    with pytest.raises(RuleViolation) as exc:
        services.round_decide(actor=None, round=r, chosen=[noms[0].pk], meeting_ref=" ", meeting_on=days_ago(1))
    assert exc.value.code == "meeting_required"
    services.round_decide(actor=None, round=r, chosen=[noms[0].pk], meeting_ref="第5次委员会会议", meeting_on=days_ago(1))
    r.refresh_from_db()
    assert r.status == Round.Status.DECIDED and r.meeting_ref == "第5次委员会会议"
    assert Nomination.objects.get(pk=noms[1].pk).status == Nomination.Status.NOT_CHOSEN
    assert list(Award.objects.filter(round=r).values_list("worker__name", flat=True)) == ["张三"]


def test_the_honoured_stay_within_the_prize_ratio_of_active_members(cast):
    # 11 active members, ratio 1/3 → at most 3 of one honour
    RuleSetting.objects.create(union=cast.union, key="awards.quota_per_group", value=3, source="本会评选办法",
                               effective_from=days_ago(400))
    r = round_(cast)
    noms = nominate(cast, r, ("member", "group1_worker", "chair", "group2_worker"))
    with pytest.raises(RuleViolation) as exc:
        services.round_decide(actor=None, round=r, chosen=[n.pk for n in noms], meeting_ref="会议",
                              meeting_on=days_ago(1))
    assert exc.value.code == "prize_ratio_exceeded"


def test_a_member_holds_one_honour_of_a_kind_per_year(cast):
    from django.db import IntegrityError, transaction

    r = decided(cast, who=("member",))
    k = r.kinds.first()
    other = kind(cast, name="优秀会员")
    n = Nomination.objects.create(union=cast.union, round=r, kind=other, group=cast.groups[0],
                                  worker=cast.workers["member"])
    with pytest.raises(IntegrityError), transaction.atomic():  # the database refuses a second 先进工作者 of 2026
        Award.objects.create(union=cast.union, round=r, kind=k, worker=cast.workers["member"], group=cast.groups[0],
                             nomination=n, year=r.year)


def test_publicity_runs_the_configured_working_days(cast):
    r = published(cast)
    assert r.status == Round.Status.PUBLISHED
    assert r.publicity_ends_on == cncalendar.nth_workday(days_ago(19), 5)


def test_members_object_only_during_publicity_and_with_a_reason(cast):
    r = published(cast)
    award = Award.objects.filter(round=r).first()
    with pytest.raises(RuleViolation):
        services.objection_raise(actor=cast.users["member"], award=award, reason=" ", today=days_ago(18))
    with pytest.raises(Conflict) as exc:
        services.objection_raise(actor=cast.users["member"], award=award, reason="不符合条件")
    assert exc.value.code == "not_in_publicity"  # today is after the period
    o = services.objection_raise(actor=cast.users["member"], award=award, reason="不符合条件", today=days_ago(18))
    assert o.is_open


def test_finalising_is_refused_during_publicity(cast):
    r = published(cast, starts_days_ago=1)
    with pytest.raises(Conflict) as exc:
        services.round_finalise(actor=None, round=r, today=days_ago(5))
    assert exc.value.code == "publicity_running"


def test_finalising_is_refused_with_an_open_objection(cast):
    r = published(cast)
    award = Award.objects.filter(round=r).first()
    o = services.objection_raise(actor=cast.users["member"], award=award, reason="不符合条件", today=days_ago(18))
    with pytest.raises(Conflict) as exc:
        services.round_finalise(actor=None, round=r, today=days_ago(5))
    assert exc.value.code == "objections_open"
    services.objection_answer(actor=cast.users["chair"], objection=o, answer="经核实符合条件")
    r = services.round_finalise(actor=None, round=r)
    assert r.status == Round.Status.FINAL
    assert sorted(Award.objects.filter(round=r).values_list("certificate_no", flat=True)) == [
        f"{r.year}-001", f"{r.year}-002"]


def test_an_upheld_objection_withdraws_the_honour(cast):
    r = published(cast)
    award = Award.objects.filter(round=r, worker=cast.workers["member"]).get()
    o = services.objection_raise(actor=None, award=award, reason="受过处分", today=days_ago(18))
    services.objection_answer(actor=cast.users["chair"], objection=o, answer="情况属实，撤销", upheld=True)
    services.round_finalise(actor=None, round=r, today=days_ago(5))
    award.refresh_from_db()
    assert award.withdrawn and award.certificate_no == ""
    assert [p["worker"].name for p in queries.honours_register(cast.union)] == ["陈三"]


def test_rewards_are_booked_in_the_configured_category_once(cast):
    r = final(cast)
    booked = services.rewards_book(actor=cast.users["chair"], round=r, on=days_ago(1))
    assert len(booked) == 2
    entries = LedgerEntry.objects.filter(union=cast.union)
    assert {(e.category, e.subcategory, e.amount) for e in entries} == {("business", "special", Decimal("300.00"))}
    assert entries.count() == 2
    with pytest.raises(Conflict) as exc:
        services.rewards_book(actor=cast.users["chair"], round=r, on=days_ago(1))
    assert exc.value.code == "nothing_to_reward"


def test_rewards_wait_for_the_final_list(cast):
    r = published(cast)
    with pytest.raises(Conflict) as exc:
        services.rewards_book(actor=None, round=r, on=days_ago(1))
    assert exc.value.code == "not_final"


def test_a_cash_reward_is_refused(cast):
    r = round_(cast, kinds=[kind(cast, form="cash")])
    noms = nominate(cast, r, ("member",))
    services.round_decide(actor=None, round=r, chosen=[n.pk for n in noms], meeting_ref="会议", meeting_on=days_ago(20))
    services.round_publish(actor=None, round=r, starts_on=days_ago(19))
    services.round_finalise(actor=None, round=r, today=days_ago(5))
    with pytest.raises(RuleViolation) as exc:
        services.rewards_book(actor=None, round=r, on=days_ago(1))
    assert exc.value.code == "reward_form_refused"
    assert not LedgerEntry.objects.filter(union=cast.union).exists()


def test_a_reward_over_the_cap_is_refused(cast):
    r = round_(cast, kinds=[kind(cast, value=Decimal("800"))])
    noms = nominate(cast, r, ("member",))
    services.round_decide(actor=None, round=r, chosen=[n.pk for n in noms], meeting_ref="会议", meeting_on=days_ago(20))
    services.round_publish(actor=None, round=r, starts_on=days_ago(19))
    services.round_finalise(actor=None, round=r, today=days_ago(5))
    with pytest.raises(RuleViolation) as exc:
        services.rewards_book(actor=None, round=r, on=days_ago(1))
    assert exc.value.code == "reward_cap_exceeded"


def test_every_step_is_audited(cast):
    r = final(cast)
    services.rewards_book(actor=cast.users["chair"], round=r, on=days_ago(1))
    actions = set(AuditEntry.objects.filter(action__startswith="awards.").values_list("action", flat=True))
    assert {"awards.kind.created", "awards.round.created", "awards.nomination.added", "awards.round.decided",
            "awards.round.published", "awards.round.finalised", "awards.reward.booked"} <= actions


def test_certificates_are_one_page_per_person_with_a_chinese_date(cast):
    import io

    from docx import Document

    r = final(cast)
    content = services.certificates_export(actor=cast.users["chair"], round=r)
    doc = Document(io.BytesIO(content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert text.count("荣 誉 证 书") == 2 and "张三同志" in text and "陈三同志" in text
    assert "二〇二六年" in text
    assert doc.sections[0].page_width.mm == pytest.approx(210, abs=1)
    assert AuditEntry.objects.filter(action="awards.certificates.downloaded").exists()


def test_certificates_wait_for_the_final_list(cast):
    r = published(cast)
    with pytest.raises(Conflict):
        services.certificates_export(actor=None, round=r)


def test_figures_count_final_honours_by_kind_group_gender_ethnicity_and_consecutive_years(cast):
    year = final(cast).year
    # the year before, 张三 was honoured too
    prev = round_(cast, kinds=[kind(cast, name="优秀会员")], year=year - 1)
    noms = nominate(cast, prev, ("member",))
    services.round_decide(actor=None, round=prev, chosen=[n.pk for n in noms], meeting_ref="会议",
                          meeting_on=days_ago(20))
    services.round_publish(actor=None, round=prev, starts_on=days_ago(19))
    services.round_finalise(actor=None, round=prev)
    f = queries.figures(cast.union, year)
    assert f["by_kind"] == [{"label": "先进工作者", "n": 2}]
    assert f["by_group"] == [{"label": "第1小组", "n": 1}, {"label": "第2小组", "n": 1}]
    assert f["by_gender"] == [{"label": "男", "n": 2}]
    assert f["by_ethnicity"] == [{"label": "汉族", "n": 2}]
    assert [r["name"] for r in f["consecutive"]] == ["张三"]
    register = {p["worker"].name: p["honours"] for p in queries.honours_register(cast.union)}
    assert [h["kind"] for h in register["张三"]] == ["优秀会员", "先进工作者"]


def test_the_chinese_date_of_a_certificate():
    import datetime as dt

    from unionhome.core.docx import cn_date_upper

    assert cn_date_upper(dt.date(2026, 12, 5)) == "二〇二六年十二月"
    assert cn_date_upper(dt.date(2026, 10, 21), with_day=True) == "二〇二六年十月二十一日"
    assert cn_date_upper(dt.date(2030, 1, 10), with_day=True) == "二〇三〇年一月十日"
