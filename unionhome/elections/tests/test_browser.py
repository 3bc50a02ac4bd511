"""The by-election story in Chromium on a phone: set up, vote, close, release, approve, see the new member."""
import datetime as dt

import pytest
from django.utils import timezone

from unionhome.elections.models import Election
from unionhome.elections.services_voting import ballot_cast
from unionhome.elections.tests import setup
from unionhome.members.services import membership_retire

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_chair_runs_a_by_election_members_vote_on_phones_and_the_new_member_joins_the_committee(cast, login_as,
                                                                                                  browser_page):
    setup.committee_term(cast)
    setup.vacate(cast)
    page = login_as("t_chair")
    assert "增补选举" in page.content()  # the dashboard shows the due by-election
    page.goto("/elections/manage/")
    assert "陈三" in page.locator("[data-vacancy]").inner_text()
    page.select_option("#id_kind", "by")
    page.select_option("#id_mode", "online")
    page.fill("#id_seats", "1")
    page.fill("#id_held_on", timezone.localdate().isoformat())
    page.click("#election-form button[type=submit]")
    page.wait_for_selector("#add-candidate")
    for name in ("张三", "孙八"):
        page.pick_person("worker", name)
        page.click("#add-candidate")
        page.wait_for_load_state("networkidle")
    for _ in range(2):
        page.locator("#candidates button", has_text="确定").first.click()
        page.wait_for_load_state("networkidle")
    assert page.locator("#candidates li").first.inner_text().startswith("孙八")  # 6 strokes before 张(7)
    now = timezone.localtime()
    page.fill("#id_opens_at", (now - dt.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_closes_at", (now + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_present", "10")  # counted before opening (陈三 has left): the 2/3 quorum is met
    page.click("#open-vote")
    page.wait_for_load_state("networkidle")
    assert page.locator("#status").inner_text() == "投票中"
    election = Election.objects.get()

    receipts = []
    for username in ("t_member", "t_finance", "t_chair"):
        page.context.clear_cookies()
        page = login_as(username)
        page.goto("/elections/")
        page.click("#open-votes a")
        page.locator("fieldset", has_text="张三").locator("input[value=F]").check()
        page.click("#cast")
        page.click("#confirm-cast")
        receipts.append(page.locator("#receipt").inner_text())
        page.goto(f"/elections/{election.pk}/results/")
        assert "403" in page.content()  # hidden until released, for the chair too
    # The other five present members vote through the same service.
    pk = election.candidates.get(worker=cast.workers["member"]).pk
    for role in ("committee", "auditor", "hardship_officer", "group_leader", "women_committee"):
        ballot_cast(actor=None, election=election, worker=cast.workers[role], marks={pk: "F"})

    page.goto(f"/elections/{election.pk}/")
    page.click("#close-vote")
    page.wait_for_load_state("networkidle")
    page.click("#release")
    page.wait_for_load_state("networkidle")
    page.fill("#id_approval_document", "县总工发〔2026〕31号")
    page.fill("#id_approved_by", "测试县总工会")
    page.click("#approve")
    page.wait_for_load_state("networkidle")
    assert "县总工发〔2026〕31号" in page.locator("#approval").inner_text()
    page.goto(f"/elections/{election.pk}/results/")
    published = page.locator("#receipts").inner_text()
    assert all(r in published for r in receipts)
    page.goto("/committees/")
    union_card = page.locator("[data-committee=union]").inner_text()
    assert "委员：张三" in union_card and "陈三" not in union_card
    assert page.foreign == []


def test_chair_names_the_representatives_by_union_group_and_only_they_vote(cast, login_as, browser_page):
    election = setup.representatives(cast, mode=Election.Mode.ONLINE)
    membership_retire(actor=None, worker=cast.workers["hardship_officer"], on=setup.today())
    page = login_as("t_chair")
    page.goto(f"/elections/{election.pk}/")
    now = timezone.localtime()
    page.fill("#id_opens_at", (now - dt.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_closes_at", (now + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_present", "11")  # counted before opening: the 2/3 quorum is met
    page.click("#open-vote")
    page.wait_for_load_state("networkidle")
    assert "须先确定会员代表名单" in page.locator(".alert").inner_text()  # no representatives, no vote
    assert page.locator("#elector-count").inner_text() == "0"
    assert "周九" not in page.locator("#electors-form").inner_text()  # retained: never offered

    page.select_option("#elector-group", label="第1小组")
    assert page.locator(f"fieldset[data-group=g{cast.groups[1].pk}]").is_hidden()
    page.click(f"[data-select-group=g{cast.groups[0].pk}]")  # the whole group: 张三 李四 吴十 冯二
    assert page.locator("#elector-count").inner_text() == "4"
    page.select_option("#elector-group", label="第2小组")
    assert page.locator(f"fieldset[data-group=g{cast.groups[0].pk}]").is_hidden()
    page.get_by_label("王五", exact=True).check()
    page.check(f"#elector-{cast.workers['auditor'].pk}")
    assert page.locator("#elector-count").inner_text() == "6"
    page.click("#set-electors")
    page.wait_for_load_state("networkidle")
    assert "已保存会员代表名单" in page.locator(".alert").inner_text()
    assert page.locator("#elector-count").inner_text() == "6"
    assert page.locator(f"#elector-{cast.workers['member'].pk}").is_checked()

    page.fill("#id_opens_at", (now - dt.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_closes_at", (now + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_present", "6")  # all six representatives at the opening
    page.click("#open-vote")
    page.wait_for_load_state("networkidle")
    assert page.locator("#status").inner_text() == "投票中"
    assert "会员代表6人" in page.locator("#elector-summary").inner_text()

    page.context.clear_cookies()
    page = login_as("t_finance")  # 孙八 is a member but not a representative
    page.goto("/elections/")
    assert page.locator("#open-votes a").count() == 0
    page.context.clear_cookies()
    page = login_as("t_member")
    page.goto("/elections/")
    page.click("#open-votes a")
    page.locator("fieldset", has_text="王五").locator("input[value=F]").check()
    page.click("#cast")
    page.click("#confirm-cast")
    assert page.locator("#receipt").inner_text()
    assert page.foreign == []


def test_a_voter_sees_who_the_candidates_are_and_confirms_the_choices_before_the_ballot_is_cast(cast, login_as,
                                                                                               browser_page, settings,
                                                                                               tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from unionhome.activities.tests.routes import PNG
    from unionhome.elections import services
    from unionhome.elections.models import Participation
    from unionhome.members.models import Worker

    settings.MEDIA_ROOT = tmp_path
    Worker.objects.filter(pk=cast.workers["committee"].pk).update(post="财务科科长")
    election = setup.general(cast, mode=Election.Mode.ONLINE)
    services.candidate_photo_set(actor=None, candidate=election.candidates.get(worker=cast.workers["committee"]),
                                 upload=SimpleUploadedFile("wang.png", PNG))
    election = setup.open_online(election)
    page = login_as("t_member")
    page.goto(f"/elections/{election.pk}/vote/")
    photo = page.locator("fieldset", has_text="王五").locator("img.candidate-photo")
    assert photo.evaluate("img => img.complete && img.naturalWidth > 0")  # the photo loads
    assert page.locator("fieldset", has_text="张三").locator("img").count() == 0  # no photo, no broken image
    details = page.locator("fieldset", has_text="王五").locator(".candidate-details").inner_text()
    assert details == "财政局 · 财务科科长"  # unit and post
    assert page.locator("fieldset", has_text="张三").locator(".candidate-details").inner_text() == "办公室"
    page.locator("fieldset", has_text="王五").locator("input[value=F]").check()
    page.locator("fieldset", has_text="张三").locator("input[value=A]").check()
    page.click("#cast")
    choices = page.locator("#confirm-choices").inner_text()
    assert "王五" in choices and "赞成" in choices and "反对" in choices
    assert Participation.objects.filter(election=election).count() == 0  # nothing cast before confirming
    page.click("#edit-ballot")  # back to the ballot, the choices kept
    assert page.locator("fieldset", has_text="王五").locator("input[value=F]").is_checked()
    page.locator("fieldset", has_text="张三").locator("input[value=F]").check()
    page.locator("fieldset", has_text="孙八").locator("input[value=F]").check()
    page.locator("fieldset", has_text="钱七").locator("input[value=F]").check()
    page.click("#cast")
    assert "将作废" in page.locator("#void-warning").inner_text()  # 4 chosen for 3 seats
    page.click("#edit-ballot")
    page.locator("fieldset", has_text="钱七").locator("input[value=X]").check()
    page.click("#cast")
    assert page.locator("#void-warning").count() == 0
    page.click("#confirm-cast")
    assert page.locator("#receipt").inner_text()
    assert Participation.objects.filter(election=election).count() == 1
    assert page.foreign == []
