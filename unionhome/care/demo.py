"""The demo union's care year (docs/union-year.md), recorded through the care services.

Weddings, births, hospital and bereavement visits; the 18 retirees visited at National Day and New Year's Day,
and with the needy households in the Spring Festival 送温暖 campaign; needy-member files with consent; the June
health check of 80+ women over three days at the county maternal and child health station; a 金秋助学 donation
drive and a blood drive with the county Red Cross.
"""
from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from unionhome.care.models.hardship import ConsentKind
from unionhome.care.services import drives, hardship, health, visits, warmth
from unionhome.core.demo_photos import demo_photo

T = dt.time


def build(ctx) -> None:
    rng = random.Random(7)
    union, chair = ctx.union, ctx.chair_user
    officer = ctx.users.get("weiyuan", chair)
    helper = ctx.users.get("bangfu", chair)
    women_officer = ctx.users.get("nvgong", chair)
    year = ctx.today.year if ctx.today.month >= 10 else ctx.today.year - 1  # a whole care year behind us
    in_post = [w for w in ctx.workers if w.employment_status == "employed"]
    retirees = [w for w in ctx.workers if w.employment_status == "retired"]
    go = [u.profile.worker for u in (chair, officer) if getattr(u, "profile", None) and u.profile.worker]

    def visit(worker, kind, on, amount, gift, actor=officer, **kw):
        return visits.visit_record(actor=actor, union=union, worker=worker, kind=kind, visited_on=on,
                                   amount=Decimal(amount), gift=gift, officers=go, **kw)

    # Weddings: Fujian's 2018 rules set no wedding cap, so the chair approves each (listed for the reviewer).
    for i, worker in enumerate(in_post[30:32]):
        visit(worker, "wedding", dt.date(year, 5 + i, 18), "500", "床上用品一套", actor=chair,
              override_reason="福建省办法未列结婚慰问限额，经工会委员会研究按500元实物标准发放")
    for i, worker in enumerate([w for w in in_post if w.gender == "F"][40:42]):
        visit(worker, "childbirth", dt.date(year, 3 + 4 * i, 9), "400", "婴儿用品")
    for i, worker in enumerate(in_post[50:54]):
        v = visit(worker, "hospital", dt.date(year, 2 + 2 * i, 12), "500" if i == 1 else "300", "水果、牛奶",
                  surgery=(i == 1), photos=[demo_photo(20 + i)] if i < 2 else ())
        if i < 3:
            visits.visit_discharge(actor=officer, visit=v, on=v.visited_on + dt.timedelta(days=9))
    visit(in_post[60], "death_relative", dt.date(year, 8, 3), "1000", "花圈、慰问品", relation="parent")
    for worker in [w for w in in_post if w.birth_date.month <= 9][:12]:
        visit(worker, "birthday", dt.date(year, worker.birth_date.month, min(worker.birth_date.day, 28)), "150",
              "蛋糕券", gift_form="voucher")
    # The standing rule: every retiree visited before National Day and New Year's Day …
    for worker in retirees:
        visit(worker, "retiree_festival", dt.date(year, 9, 26), "300", "月饼、水果", festival="national_day")
        visit(worker, "retiree_festival", dt.date(year, 12, 28) if ctx.today >= dt.date(year, 12, 28)
              else dt.date(year - 1, 12, 28), "300", "年货", festival="new_year")

    # Needy households: consent first, then the file; one is published.
    files = []
    for worker, income, size, cause in ((in_post[70], "18000", 3, "illness"), (in_post[95], "36000", 4, "schooling"),
                                        (in_post[120], "24000", 2, "disability")):
        for kind in (ConsentKind.GENERAL, ConsentKind.FINANCIAL, ConsentKind.HEALTH, ConsentKind.PUBLICATION):
            hardship.consent_record(actor=helper, union=union, worker=worker, kind=kind,
                                    given_on=dt.date(year, 1, 6), signed_by=worker.name)
        files.append(hardship.hardship_file_open(
            actor=helper, union=union, worker=worker, opened_on=dt.date(year, 1, 8), place="*", own_income=income,
            household=_household(worker, size, cause), rigid_spending="6000", identity="employed", cause=cause,
            health_status="serious" if cause == "illness" else "healthy",
            health_detail="配偶患尿毒症，长期透析" if cause == "illness" else "", housing_type="自有",
            housing_area="60-90㎡", marital_status="已婚", hukou_type="城镇"))
    hardship.publication_open(actor=helper, file=files[0], starts_on=dt.date(year, 1, 9))
    hardship.assistance_record(actor=helper, file=files[0], kind="medical", amount="3000",
                               given_on=dt.date(year, 3, 15), description="大病救助：透析费用")
    hardship.assistance_record(actor=helper, file=files[1], kind="schooling", amount="2000",
                               given_on=dt.date(year, 8, 28), description="金秋助学")
    # … and at Spring Festival, with the needy households, in the 送温暖 campaign.
    campaign = warmth.warmth_campaign_create(actor=helper, union=union, name=f"{year}年春节送温暖",
                                             festival="spring_festival", year=year, default_amount="500")
    warmth.warmth_campaign_select(actor=helper, campaign=campaign)
    for i, v in enumerate(campaign.visits.all()):
        if go:
            warmth.warmth_visit_assign(actor=helper, visit=v, officer=go[i % len(go)])
        warmth.warmth_visit_done(actor=helper, visit=v, on=dt.date(year, 2, 3 + i % 10),
                                 amount="500" if v.target == "needy" else "300", gift="米、油、年货")
    warmth.warmth_campaign_close(actor=helper, campaign=campaign)
    # The coming Spring Festival's campaign is open: the hardship officer has sent the committee member (委员)
    # to the needy households, who records each visit on 我的送温暖走访 (name and group only, no files).
    coming = warmth.warmth_campaign_create(actor=helper, union=union, name=f"{ctx.today.year + (ctx.today.month >= 10)}年春节送温暖",
                                           festival="spring_festival", year=ctx.today.year + (ctx.today.month >= 10),
                                           default_amount="500")
    warmth.warmth_campaign_select(actor=helper, campaign=coming, retirees=False)
    for v in coming.visits.all() if go else ():
        warmth.warmth_visit_assign(actor=helper, visit=v, officer=go[-1])

    # June: the free health check of the women members, three days at the county station.
    check = health.health_campaign_create(actor=women_officer, union=union, name=f"{year}年女职工健康检查",
                                          clinic="县妇幼保健计划生育服务中心")
    for day in (dt.date(year, 6, 9), dt.date(year, 6, 10), dt.date(year, 6, 11)):
        health.health_slots_add(actor=women_officer, campaign=check, day=day,
                                times=[(T(8), T(9, 30)), (T(9, 30), T(11)), (T(14, 30), T(16)), (T(16), T(17, 30))],
                                capacity=8)
    health.health_invite_eligible(actor=women_officer, campaign=check, on=dt.date(year, 5, 20))
    health.health_schedule_all(actor=women_officer, campaign=check, today=dt.date(year, 5, 20))
    invites = list(check.invites.filter(slot__isnull=False).values_list("pk", flat=True))
    absent = set(rng.sample(invites, 3))
    for day in (dt.date(year, 6, 9), dt.date(year, 6, 10), dt.date(year, 6, 11)):
        health.health_day_attendance(actor=women_officer, campaign=check, day=day, absent_ids=absent)

    drive = drives.donation_drive_create(actor=officer, union=union, name=f"{year}年金秋助学捐款",
                                         cause="资助全县贫困家庭学生", recipient="县总工会金秋助学办",
                                         opened_on=dt.date(year, 8, 20))
    for worker in rng.sample(in_post, 45):
        amount = rng.choice(["100", "200", "200", "300", "500"])
        drives.donation_record(actor=officer, drive=drive, worker=worker, kind="money", pledged=amount,
                               received=amount, received_on=dt.date(year, 8, 25))
    drives.donation_record(actor=officer, drive=drive, worker=in_post[5], kind="goods", pledged="400",
                           received="400", goods="书包20个", received_on=dt.date(year, 8, 25))
    drives.donation_drive_hand_over(actor=officer, drive=drive, on=dt.date(year, 9, 1), note="收据 JQZX-0031")

    blood = drives.blood_drive_create(actor=officer, union=union, name=f"{year}年无偿献血", held_on=dt.date(year, 7, 14),
                                      partner="县红十字会", place="机关大院献血车")
    for worker in [w for w in in_post if 18 <= w.age_on(dt.date(year, 7, 14)) <= 55][:16]:
        volunteer = drives.blood_volunteer_add(actor=officer, drive=blood, worker=worker)
        outcome = rng.choice(["donated", "donated", "donated", "deferred"])
        drives.blood_outcome_record(actor=officer, volunteer=volunteer, outcome=outcome,
                                    volume_ml=rng.choice([200, 300, 400]) if outcome == "donated" else None)


def _household(worker, size: int, cause: str) -> list[dict]:
    """The other members of a demo needy household: a spouse, then children of school age (14 or older)."""
    born = worker.birth_date or dt.date(1980, 1, 1)
    spouse = {"name": f"{worker.name[0]}家配偶", "relation": "配偶", "birth_date": born.replace(day=1),
              "occupation": "无业（照顾家庭）" if cause != "illness" else "无业（透析治疗）",
              "health_status": "serious" if cause == "illness" else "healthy",
              "annual_income": "0"}
    children = [{"name": f"{worker.name[0]}家子女{i + 1}", "relation": "子女",
                 "birth_date": dt.date(2008 - 3 * i, 9, 1), "occupation": "在校学生", "health_status": "healthy"}
                for i in range(size - 2)]
    return [spouse, *children]
