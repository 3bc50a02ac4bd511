"""Welfare policies as data: per-festival caps, versions, publishing by the federation, and the national rule
where a province has no policy (regulations §2.3, rules 16–18)."""
import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from unionhome.accounts.queries import context_for
from unionhome.care.services.visits import visit_record
from unionhome.core.errors import Conflict, Forbidden, RuleViolation
from unionhome.core.models import AuditEntry, Union
from unionhome.funds.models import LedgerEntry, WelfarePolicy
from unionhome.funds.services import policy_in_force, welfare_payout
from unionhome.funds.services_policy import PolicyDraft, policy_draft_save, policy_publish, welfare_payout_confirm
from unionhome.funds.tests import factories

pytestmark = pytest.mark.django_db
FESTIVALS = ["new_year", "spring_festival", "qingming", "labour_day", "dragon_boat", "mid_autumn", "national_day"]


def move_to(cast, province):
    Union.objects.filter(pk__in=[cast.union.pk, cast.federation.pk]).update(province=province)
    cast.union.refresh_from_db()
    cast.federation.refresh_from_db()


def pay(cast, benefit, amount, *, on, actor="finance", **extra):
    return welfare_payout(actor=cast.users[actor], union=cast.union, worker=cast.workers["member"], benefit=benefit,
                          amount=Decimal(amount), form="goods", on=on, **extra)


def test_the_shipped_fujian_and_anhui_policies_keep_their_figures(cast):
    fujian = policy_in_force(cast.union, dt.date(2025, 5, 1))
    caps = {i.benefit: i.cap for i in fujian.items.all()}
    assert caps["festival"] == Decimal("1300") and caps["wedding"] is None and caps["hospital_surgery"] == 1000
    assert {f.festival for f in fujian.festival_rows.all()} == set(FESTIVALS)
    anhui = WelfarePolicy.objects.get(province="安徽")
    assert anhui.prize_ratio == "1/3" and anhui.items.get(benefit="wedding").cap == Decimal("600")


def test_a_guizhou_like_policy_caps_each_festival(cast):
    move_to(cast, "贵州")
    factories.policy("贵州", festivals=FESTIVALS, festival_caps={f: "500" if f == "spring_festival" else "200"
                                                                  for f in FESTIVALS}, caps={"birthday": "300"})
    with pytest.raises(RuleViolation) as err:
        pay(cast, "festival", "600", festival="spring_festival", on=dt.date(2025, 1, 28))
    assert err.value.code == "cap_exceeded" and "春节慰问每人每年不超过500" in err.value.message
    with pytest.raises(RuleViolation) as err:
        pay(cast, "festival", "300", festival="mid_autumn", on=dt.date(2025, 9, 10))
    assert err.value.code == "cap_exceeded" and "中秋节慰问每人每年不超过200" in err.value.message
    assert pay(cast, "festival", "200", festival="mid_autumn", on=dt.date(2025, 9, 10)).cap == Decimal("200")
    assert pay(cast, "festival", "500", festival="spring_festival", on=dt.date(2025, 1, 28)).cap == Decimal("500")
    with pytest.raises(RuleViolation):  # the second gift of the same festival counts with the first
        pay(cast, "festival", "1", festival="mid_autumn", on=dt.date(2025, 9, 11))
    # the chair may still approve a breach with a reason (rule 16)
    assert pay(cast, "festival", "50", festival="dragon_boat", on=dt.date(2025, 6, 1), actor="chair").cap == 200
    over = pay(cast, "festival", "100", festival="mid_autumn", on=dt.date(2025, 9, 12), actor="chair",
               override_reason="特殊困难")
    assert over.is_override


def test_a_yearly_festival_total_still_applies_beside_a_festival_cap(cast):
    move_to(cast, "贵州")
    factories.policy("贵州", festivals=FESTIVALS, festival_caps={"spring_festival": "500"}, caps={"festival": "600"})
    pay(cast, "festival", "500", festival="spring_festival", on=dt.date(2025, 1, 28))
    with pytest.raises(RuleViolation) as err:
        pay(cast, "festival", "150", festival="mid_autumn", on=dt.date(2025, 9, 10))
    assert "节日慰问每人每年不超过600" in err.value.message


def test_a_new_version_supersedes_the_old_from_its_date(cast):
    move_to(cast, "贵州")
    old = factories.policy("贵州", effective_from=dt.date(2024, 1, 1), caps={"wedding": "500"})
    new = factories.policy("贵州", effective_from=dt.date(2025, 7, 1), caps={"wedding": "1000"})
    old.refresh_from_db()
    assert old.effective_to == dt.date(2025, 6, 30)
    assert policy_in_force(cast.union, dt.date(2025, 6, 30)) == old
    assert policy_in_force(cast.union, dt.date(2025, 7, 1)) == new
    with pytest.raises(RuleViolation):
        pay(cast, "wedding", "800", on=dt.date(2025, 6, 1), event_key="a")
    assert pay(cast, "wedding", "800", on=dt.date(2025, 7, 2), event_key="b").policy == new
    assert AuditEntry.objects.filter(action="funds.policy.superseded", target_id=str(old.pk)).exists()


def draft(province="福建", **extra):
    fields = dict(province=province, name="福建省2026版", source="闽工〔2026〕1号",
                  effective_from=timezone.localdate().replace(month=12, day=31),
                  items=(("wedding", "800"), ("birthday", "")), festivals=(("spring_festival", "500"),))
    return PolicyDraft(**(fields | extra))


def test_a_federation_officer_drafts_and_publishes_its_own_province_only(cast):
    officer = cast.users["federation"]
    saved = policy_draft_save(actor=officer, publisher=cast.federation, draft=draft())
    assert not saved.is_published and policy_in_force(cast.union, saved.effective_from).pk != saved.pk
    published = policy_publish(actor=officer, publisher=cast.federation, policy=saved)
    assert published.published_by == officer and published.publisher == cast.federation
    assert policy_in_force(cast.union, saved.effective_from) == published
    assert AuditEntry.objects.filter(action="funds.policy.published", target_id=str(saved.pk)).exists()
    with pytest.raises(Conflict):  # published versions are never edited
        policy_draft_save(actor=officer, publisher=cast.federation, draft=draft(name="改"), policy=published)
    with pytest.raises(Forbidden):
        policy_draft_save(actor=officer, publisher=cast.federation, draft=draft("贵州"))
    # nor does a union's own administrator edit policies: the amounts are the province's (regulations §2.3)
    assert not context_for(cast.users["admin"], cast.union.pk).has("funds.policy_edit")
    assert not context_for(cast.users["chair"], cast.union.pk).has("funds.policy_edit")


def test_a_policy_cannot_start_before_this_year_unless_the_platform_loads_it(cast):
    officer = cast.users["federation"]
    early = dt.date(timezone.localdate().year - 1, 6, 1)
    saved = policy_draft_save(actor=officer, publisher=cast.federation, draft=draft(effective_from=early))
    with pytest.raises(RuleViolation) as err:
        policy_publish(actor=officer, publisher=cast.federation, policy=saved)
    assert err.value.code == "effective_too_early"
    assert policy_publish(actor=None, publisher=cast.federation, policy=saved).is_published


@pytest.mark.parametrize("change, code", [
    ({"forms": ("goods", "cash")}, "form_refused"),
    ({"items": (("wedding", "-1"),)}, "cap_negative"),
    ({"festivals": (("christmas", "100"),)}, "festival_invalid"),
    ({"source": " "}, "source_required"),
    ({"prize_ratio": "3/2"}, "ratio_invalid"),
])
def test_the_editor_refuses_a_wrong_policy(cast, change, code):
    with pytest.raises(RuleViolation) as err:
        policy_draft_save(actor=cast.users["federation"], publisher=cast.federation, draft=draft(**change))
    assert err.value.code == code


def test_a_union_in_a_province_with_no_policy_books_a_wedding_gift_and_flags_it(cast, client_for):
    """Done-when (issue 9 §5): a union in 新疆 records a wedding gift; it is booked and flagged; the chair confirms."""
    move_to(cast, "新疆")
    on = timezone.localdate()
    visit = visit_record(actor=cast.users["hardship_officer"], union=cast.union, worker=cast.workers["member"],
                         kind="wedding", visited_on=on, amount=Decimal("800"), gift_form="goods", gift="床上用品")
    payout = visit.payout
    assert payout.policy is None and payout.needs_confirmation
    assert LedgerEntry.objects.filter(pk=payout.entry_id, amount=Decimal("800.00"), category="activity").exists()

    chair = client_for(cast.users["chair"])
    page = chair.get(reverse("dashboard:home")).content.decode()
    assert "请录入本省福利政策" in page and "1笔慰问按全国规定发放，待主席确认" in page
    listing = chair.get(reverse("funds:payouts_unconfirmed")).content.decode()
    assert cast.workers["member"].name in listing
    entry_page = chair.get(reverse("funds:entry_detail", args=[payout.entry_id])).content.decode()
    assert 'id="confirm-note"' in entry_page and reverse("funds:payout_confirm", args=[payout.pk]) in entry_page

    response = chair.post(reverse("funds:payout_confirm", args=[payout.pk]))
    assert response.status_code == 302
    payout.refresh_from_db()
    assert not payout.needs_confirmation and payout.confirmed_by == cast.users["chair"]
    assert AuditEntry.objects.filter(action="funds.welfare.confirmed", target_id=str(payout.pk)).exists()
    page = chair.get(reverse("dashboard:home")).content.decode()
    assert "笔慰问按全国规定发放" not in page and "请录入本省福利政策" in page  # the province still has none
    with pytest.raises(Conflict):
        welfare_payout_confirm(actor=cast.users["chair"], payout=payout)


def test_only_the_chair_confirms_a_national_rule_payout(cast):
    move_to(cast, "新疆")
    payout = pay(cast, "wedding", "800", on=dt.date(2025, 5, 1), event_key="w")
    with pytest.raises(Forbidden):
        welfare_payout_confirm(actor=cast.users["finance"], payout=payout)


def test_a_province_with_a_policy_shows_no_national_rule_warning(cast, client_for):
    page = client_for(cast.users["chair"]).get(reverse("dashboard:home")).content.decode()
    assert "请录入本省福利政策" not in page
    assert not pay(cast, "festival", "100", festival="labour_day", on=dt.date(2025, 5, 1)).needs_confirmation


def test_the_editor_page_saves_a_draft_with_festival_caps_and_publishes_it(cast, client_for):
    officer = client_for(cast.users["federation"])
    assert officer.get(reverse("funds:policy_new")).status_code == 200
    day = timezone.localdate().replace(month=12, day=31).isoformat()
    data = {"province": "福建", "name": "福建省2026版", "source": "闽工〔2026〕1号", "effective_from": day,
            "allowed_forms": ["goods"], "item_wedding": "on", "cap_wedding": "800", "fest_spring_festival": "on",
            "fcap_spring_festival": "500", "fest_mid_autumn": "on", "fcap_mid_autumn": "200"}
    response = officer.post(reverse("funds:policy_new"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = WelfarePolicy.objects.get(name="福建省2026版")
    assert {f.festival: f.cap for f in saved.festival_rows.all()} == {"spring_festival": 500, "mid_autumn": 200}
    assert officer.post(reverse("funds:policy_publish", args=[saved.pk])).status_code == 302
    saved.refresh_from_db()
    assert saved.is_published
    # another federation's province is not reachable
    other = policy_draft_save(actor=None, publisher=cast.federation, draft=draft("贵州"))
    assert officer.get(reverse("funds:policy_edit", args=[other.pk])).status_code == 404
