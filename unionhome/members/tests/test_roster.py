import datetime as dt
import re

import pytest
from django.urls import reverse

from unionhome.core import idcard
from unionhome.core.errors import RuleViolation
from unionhome.core.models import AuditEntry
from unionhome.members.models import Membership, MembershipEvent, Worker
from unionhome.members.queries import WorkerFilters, membership_rate, membership_rate_by, worker_search
from unionhome.members.services import (
    membership_join,
    membership_leave,
    membership_retire,
    membership_transfer_out,
    worker_create,
    worker_update,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 1)


def make(cast, name, gender="M", born=dt.date(1990, 1, 1), seq=100, **kw):
    return worker_create(actor=None, union=cast.union, name=name, gender=gender, birth_date=born,
                         id_number=idcard.make("110101", born, seq, gender), **kw)


def search(cast, **kw):
    return [w.name for w in worker_search(Worker.objects.filter(union=cast.union), WorkerFilters(**kw), today=TODAY)]


# --- entry rules -------------------------------------------------------------------------------------
def test_it_rejects_an_id_number_with_a_wrong_check_digit(cast):
    number = idcard.make("110101", dt.date(1990, 1, 1), 7, "M")
    bad = number[:17] + ("0" if number[17] != "0" else "1")
    with pytest.raises(RuleViolation) as exc:
        worker_create(actor=None, union=cast.union, name="甲", gender="M", birth_date=dt.date(1990, 1, 1), id_number=bad)
    assert exc.value.code == "id_number_invalid" and "校验位" in exc.value.message


def test_it_rejects_a_birth_date_or_gender_that_contradicts_the_id_number(cast):
    number = idcard.make("110101", dt.date(1990, 1, 1), 7, "M")
    with pytest.raises(RuleViolation) as exc:
        worker_create(actor=None, union=cast.union, name="甲", gender="M", birth_date=dt.date(1990, 1, 2),
                      id_number=number)
    assert exc.value.code == "birth_date_mismatch"
    with pytest.raises(RuleViolation) as exc:
        worker_create(actor=None, union=cast.union, name="甲", gender="F", birth_date=dt.date(1990, 1, 1),
                      id_number=number)
    assert exc.value.code == "gender_mismatch"


@pytest.mark.parametrize("mobile", ["1380000000", "138000000001", "23800000000", "1380000000a"])
def test_it_rejects_a_mobile_that_is_not_11_digits_starting_with_1(cast, mobile):
    with pytest.raises(RuleViolation) as exc:
        make(cast, "甲", mobile=mobile)
    assert exc.value.code == "mobile_invalid"


def test_the_add_form_shows_the_services_message_and_writes_nothing(cast, client_for):
    number = idcard.make("110101", dt.date(1990, 1, 1), 7, "M")
    response = client_for(cast.users["chair"]).post(reverse("members:create"), {
        "name": "甲", "gender": "F", "ethnicity": "汉族", "birth_date": "1990-01-01", "id_number": number,
        "employment_status": "employed", "political_status": "masses"})
    assert response.status_code == 200
    assert "性别与身份证号不一致" in response.content.decode()
    assert not Worker.objects.filter(name="甲").exists()


def test_the_chair_adds_a_worker_with_every_field_and_edits_them(cast, client_for):
    client = client_for(cast.users["chair"])
    number = idcard.make("622901", dt.date(1988, 8, 8), 42, "F")
    response = client.post(reverse("members:create"), {
        "name": "马丽", "gender": "F", "ethnicity": "回族", "birth_date": "1988-08-08", "id_number": number,
        "mobile": "13912345678", "unit": cast.units[1].pk, "group": cast.groups[1].pk, "post": "科员",
        "employment_status": "employed", "political_status": "cpc", "education": "bachelor",
        "join_on": "2020-05-01", "card_number": "C-NEW-1"})
    assert response.status_code == 302
    worker = Worker.objects.get(name="马丽")
    assert (worker.ethnicity, worker.id_number, worker.mobile, worker.unit, worker.group, worker.education) == \
        ("回族", number, "13912345678", cast.units[1], cast.groups[1], "bachelor")
    assert worker.membership.card_number == "C-NEW-1"
    # editing with the ID number left blank keeps it
    response = client.post(reverse("members:edit", args=[worker.pk]), {
        "name": "马丽", "gender": "F", "ethnicity": "回族", "birth_date": "1988-08-08", "id_number": "",
        "mobile": "", "unit": cast.units[0].pk, "group": cast.groups[0].pk, "post": "副主任科员",
        "employment_status": "employed", "political_status": "cpc", "education": "postgraduate"})
    assert response.status_code == 302
    worker.refresh_from_db()
    assert (worker.post, worker.unit, worker.id_number, worker.mobile) == ("副主任科员", cast.units[0], number,
                                                                            "13912345678")
    page = client.get(reverse("members:edit", args=[worker.pk])).content.decode()
    assert number not in page and "13912345678" not in page  # the edit form never shows them in full


# --- membership history -----------------------------------------------------------------------------
def test_a_transfer_out_needs_the_destination_and_the_card_endorsement(cast):
    worker = cast.workers["group2_worker"]
    with pytest.raises(RuleViolation) as exc:
        membership_transfer_out(actor=None, worker=worker, on=TODAY, to_union="县教育工会", card_endorsement="")
    assert exc.value.code == "endorsement_required"
    with pytest.raises(RuleViolation) as exc:
        membership_transfer_out(actor=None, worker=worker, on=TODAY, to_union="", card_endorsement="已签注")
    assert exc.value.code == "destination_required"


def test_retirement_keeps_membership_without_vote_or_dues(cast):
    worker = cast.workers["group2_worker"]
    membership = membership_retire(actor=None, worker=worker, on=TODAY)
    worker.refresh_from_db()
    assert membership.status == "retained" and worker.employment_status == "retired"
    assert not membership.may_vote and not membership.owes_dues
    assert not worker.is_active_member


def test_the_full_history_is_recorded_in_order(cast, client_for):
    worker = make(cast, "转入者", seq=120)
    client = client_for(cast.users["committee"])
    url = lambda action: reverse("members:membership", args=[worker.pk, action])  # noqa: E731
    assert client.post(url("transfer_in"), {"on": "2020-01-01", "other_union": "县教育工会",
                                            "card_number": "TI-1"}).status_code == 302
    assert client.post(url("transfer_out"), {"on": "2025-01-01", "other_union": "市总工会机关工会",
                                             "card_endorsement": "2025年1月转出，县机关工会盖章"}).status_code == 302
    response = client.post(url("leave"), {"on": "2025-02-01"})
    assert "该会员会籍已转出或退会" in response.content.decode()
    events = list(MembershipEvent.objects.filter(membership__worker=worker).values_list("kind", "other_union"))
    assert events == [("transfer_in", "县教育工会"), ("transfer_out", "市总工会机关工会")]
    page = client.get(reverse("members:detail", args=[worker.pk])).content.decode()
    assert "县教育工会" in page and "县机关工会盖章" in page and "转出" in page


def test_leaving_ends_membership(cast):
    membership = membership_leave(actor=None, worker=cast.workers["group2_worker"], on=TODAY)
    assert membership.status == "left"


def test_the_api_records_a_transfer_in_and_rejects_one_without_its_source(cast, client_for):
    worker = make(cast, "接口转入", seq=130)
    client = client_for(cast.users["chair"])
    url = reverse("api:members_membership", args=[worker.pk, "transfer_in"])
    response = client.post(url, {"on": "2021-03-01"}, content_type="application/json")
    assert response.status_code == 422 and response.json()["code"] == "source_required"
    response = client.post(url, {"on": "2021-03-01", "other_union": "乡镇工会"}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["events"][0] == {"kind": "transfer_in", "on": "2021-03-01", "other_union": "乡镇工会",
                                            "card_endorsement": "", "note": ""}


# --- membership rate --------------------------------------------------------------------------------
def test_membership_rate_counts_active_members_among_staff_in_post(cast):
    make(cast, "未入会", seq=140, unit=cast.units[0], group=cast.groups[0])
    membership_retire(actor=None, worker=cast.workers["group2_worker"], on=TODAY)  # retired: not in post
    qs = Worker.objects.filter(union=cast.union)
    assert membership_rate(qs) == {"staff": 11, "members": 10, "rate": 90.9}
    by_unit = {r["unit__name"]: (r["members"], r["staff"]) for r in membership_rate_by(qs, "unit__name")}
    assert by_unit == {"办公室": (4, 5), "财政局": (6, 6)}
    by_group = {r["group__name"]: r["rate"] for r in membership_rate_by(qs, "group__name")}
    assert by_group == {"第1小组": 80.0, "第2小组": 100.0}


# --- search, filters and order ----------------------------------------------------------------------
@pytest.mark.parametrize("query", ["张三", "zhangsan", "zhang", "zs"])
def test_it_finds_a_worker_by_name_full_pinyin_or_initials(cast, query):
    assert search(cast, q=query) == ["张三"]


def test_it_finds_a_worker_by_id_tail_card_number_or_mobile(cast):
    worker = cast.workers["finance"]
    assert search(cast, q=worker.id_number[-4:]) == ["孙八"]
    assert search(cast, q=worker.membership.card_number) == ["孙八"]
    assert search(cast, q=worker.mobile) == ["孙八"]
    assert search(cast, q=worker.id_number) == ["孙八"]


def test_it_filters_by_unit_group_status_gender_age_band_and_ethnicity(cast):
    make(cast, "阿依古丽", gender="F", born=dt.date(2000, 5, 5), seq=150, ethnicity="维吾尔族", unit=cast.units[1],
         group=cast.groups[1])
    assert set(search(cast, unit=cast.units[1].pk)) == {"王五", "赵六", "钱七", "孙八", "周九", "郑一", "陈三", "阿依古丽"}
    assert set(search(cast, group=cast.groups[0].pk)) == {"张三", "李四", "吴十", "冯二"}
    assert search(cast, status="none") == ["阿依古丽"]
    assert set(search(cast, gender="F")) == {"赵六", "孙八", "周九", "吴十", "冯二", "阿依古丽"}
    assert search(cast, ethnicity="维吾尔族") == ["阿依古丽"]
    assert set(search(cast, age_band="-30")) == {"阿依古丽"}  # born 2000: 26 on 2026-06-01
    assert set(search(cast, age_band="50-59")) == {"吴十", "钱七"}  # born 1972 and 1975
    membership_leave(actor=None, worker=cast.workers["member"], on=TODAY)
    assert search(cast, status="left") == ["张三"]


def test_names_sort_in_pinyin_order(cast):
    for i, name in enumerate(["安娜", "白雪", "曹操", "阿宝"]):
        make(cast, name, seq=160 + i, unit=cast.units[0])
    names = search(cast, unit=cast.units[0].pk)
    assert names == ["阿宝", "安娜", "白雪", "曹操", "冯二", "李四", "吴十", "张三"]


def test_the_member_list_page_sorts_and_filters_the_same_way(cast, client_for):
    body = client_for(cast.users["chair"]).get(reverse("members:list"), {"q": "zs"}).content.decode()
    assert 'id="member-count">1<' in body and "张三" in body


def test_a_broad_search_stops_counting_at_the_cap_and_its_pages_still_turn(cast, client_for, settings):
    """One letter over a million workers must not re-read every hit to print the count (P3): beyond
    UNIONHOME_SEARCH_COUNT_CAP the list says "cap+", and the pages up to the cap can still be browsed."""
    for i in range(56):
        make(cast, "王" + "一二三四五六七八九十"[i // 10] + "一二三四五六七八九十"[i % 10], seq=300 + i)
    client = client_for(cast.users["chair"])
    url = reverse("members:list")
    settings.UNIONHOME_SEARCH_COUNT_CAP = 53
    first = client.get(url, {"q": "wang"}).content.decode()
    assert 'id="member-count">53+<' in first and "1 / 2+" in first and "page=2" in first
    second = client.get(url, {"q": "wang", "page": 2}).content.decode()
    rows = re.findall(r'<a href="/members/(\d+)/">', second)
    assert len(rows) == 3 and "2 / 2+" in second  # the hits after the first 50, up to the cap
    settings.UNIONHOME_SEARCH_COUNT_CAP = 10_000
    exact = client.get(url, {"q": "wang"}).content.decode()
    assert 'id="member-count">57<' in exact and "1 / 2<" in exact  # with the cast's 王五
    assert re.findall(r'<a href="/members/(\d+)/">', first) == re.findall(r'<a href="/members/(\d+)/">', exact)


@pytest.mark.parametrize("extra", ["", "Lewis李"])
def test_a_one_letter_search_walks_the_pinyin_and_finds_exactly_what_the_full_search_finds(cast, extra):
    """``w`` filters on the pinyin alone (P3) only when that changes no hit: initials never add one, and a
    name holding the letter outside the pinyin range (Lewis李: lisli…) sends it back to the general search."""
    from unionhome.members.queries import _search_hits

    names = ["王伟", "吴", "Wendy", "·王", "A王", "汪洋", "翁", "魏", "文", "万", "钱", "曾国", "单田芳", "Ωw"]
    for i, name in enumerate(names + ([extra] if extra else [])):
        make(cast, name, seq=400 + i)
    qs = Worker.objects.filter(union=cast.union)
    for q in ["w", "W", "a", "z", "s", "l", "q"]:
        general = list(qs.filter(pk__in=_search_hits(qs, q)).values_list("name", flat=True))
        assert search(cast, q=q) == general, q
    assert ("Lewis李" in search(cast, q="w")) == bool(extra)


def test_the_member_list_query_count_does_not_grow_with_the_rows(cast, client_for, django_assert_num_queries):
    client = client_for(cast.users["chair"])
    url = reverse("members:list")

    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    for i in range(5):
        make(cast, f"五{i}", seq=200 + i, unit=cast.units[0], group=cast.groups[0], join_on=dt.date(2020, 1, 1))
    few = count_queries()
    for i in range(55):
        make(cast, f"六十{i}", seq=300 + i, unit=cast.units[1], group=cast.groups[1], join_on=dt.date(2020, 1, 1))
    with django_assert_num_queries(few):
        assert client.get(url).status_code == 200


# --- audit of these writes --------------------------------------------------------------------------
RAW_ID = re.compile(r"(?<![0-9a-fA-F])\d{17}[\dX](?![0-9a-fA-F])")
RAW_MOBILE = re.compile(r"(?<![0-9a-fA-F])1\d{10}(?![0-9a-fA-F])")  # hex blind indexes are not raw values


def test_each_roster_write_leaves_one_audit_row_without_raw_id_or_mobile(cast):
    start = AuditEntry.objects.count()
    worker = make(cast, "审计对象", seq=400, mobile="13700001111")
    worker_update(actor=cast.users["chair"], worker=worker, mobile="13700002222", post="科员")
    membership_join(actor=cast.users["chair"], worker=worker, joined_on=TODAY)
    membership_transfer_out(actor=cast.users["chair"], worker=worker, on=TODAY, to_union="外单位",
                            card_endorsement="已签注")
    rows = list(AuditEntry.objects.order_by("id")[start:])
    assert [r.action for r in rows] == ["members.worker.created", "members.worker.updated",
                                        "members.membership.join", "members.membership.transfer_out"]
    assert rows[1].before["post"] == "" and rows[1].after["post"] == "科员"
    for row in AuditEntry.objects.all():
        text = " ".join(str(v) for v in (row.before, row.after, row.note, row.target_label))
        assert not RAW_ID.search(text), row.action
        assert not RAW_MOBILE.search(text), row.action


def test_a_write_that_fails_half_way_leaves_neither_the_change_nor_its_audit_row(cast):
    worker = cast.workers["group2_worker"]
    before_rows = AuditEntry.objects.count()
    with pytest.raises(RuleViolation):
        # the name is saved in memory, then the bad mobile refuses the whole update
        worker_update(actor=None, worker=worker, name="改名", mobile="123")
    worker.refresh_from_db()
    assert worker.name == "陈三"
    assert AuditEntry.objects.count() == before_rows
    assert Membership.objects.get(worker=worker).status == "active"


@pytest.mark.parametrize("field, value", [("employment_status", "fired"), ("political_status", "x"),
                                          ("education", "phd"), ("gender", "X"), ("ethnicity", "火星族")])
def test_the_api_answers_a_value_outside_its_list_with_422_not_500(cast, client_for, field, value):
    born = dt.date(1990, 1, 1)
    body = {"name": "甲", "gender": "M", "birth_date": born.isoformat(),
            "id_number": idcard.make("110101", born, 170, "M"), field: value}
    response = client_for(cast.users["chair"]).post(reverse("api:members_workers"), body,
                                                    content_type="application/json")
    assert response.status_code == 422 and response.json()["field"] == field
    assert not Worker.objects.filter(name="甲").exists()


def test_a_patch_with_null_keeps_required_fields_and_clears_the_group(cast, client_for):
    worker = cast.workers["group2_worker"]
    response = client_for(cast.users["chair"]).patch(reverse("api:members_worker", args=[worker.pk]),
                                                     {"birth_date": None, "group_id": None, "post": "科长"},
                                                     content_type="application/json")
    assert response.status_code == 200
    worker.refresh_from_db()
    assert (worker.birth_date, worker.group, worker.post) == (dt.date(1993, 3, 11), None, "科长")
