"""A whole union year fed through the public API (``/api/v1``), as the outside testers feed it: a fresh union set
up by its federation, the roster imported from an xlsx, the committee elected, the year's care, culture, democratic
management, study and evaluation entered by each role with its own bearer token, and at the end the year's figures
compared with what was entered. Along the way each role is refused what it must not do (403/404 with a Chinese
message).

Only the platform's bootstrap is outside the API: the federation and its officer (``manage.py union_create``) and
the bearer tokens, which a person takes from a session logged in with both factors (``accounts/tests/test_tokens.py``
covers that path); here ``token_issue(actor=None)`` stands in for it.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.utils import timezone

from unionhome.core.docx import DOCX_TYPE

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u4e00-\u9fff]")
PASSWORD = "Year-pass-2026!"


class Caller:
    """One person's API client: their bearer token on every request."""

    def __init__(self, client, key: str | None, who: str):
        self.client, self.key, self.who = client, key, who

    def _headers(self):
        return {"HTTP_AUTHORIZATION": f"Bearer {self.key}"} if self.key else {}

    def get(self, path, **params):
        return self.client.get(f"/api/v1{path}", params, **self._headers())

    def send(self, method, path, body=None):
        call = getattr(self.client, method)
        return call(f"/api/v1{path}", body if body is not None else {}, content_type="application/json",
                    **self._headers())

    def post(self, path, body=None):
        return self.send("post", path, body)

    def put(self, path, body=None):
        return self.send("put", path, body)

    def patch(self, path, body=None):
        return self.send("patch", path, body)

    def upload(self, path, files: dict, data: dict | None = None):
        return self.client.post(f"/api/v1{path}", {**(data or {}), **files}, **self._headers())

    # --- answers ---------------------------------------------------------------------------------------------
    def ok(self, response, status=(200, 201, 204)):
        status = (status,) if isinstance(status, int) else status
        assert response.status_code in status, (self.who, response.request["PATH_INFO"], response.status_code,
                                                response.content[:800].decode(errors="replace"))
        if response.streaming or not response.content or not response["Content-Type"].startswith("application/json"):
            return response
        return response.json()

    def refused(self, response, status=(403, 404)):
        """Refused with a Chinese message (never a 500, never English only)."""
        status = (status,) if isinstance(status, int) else status
        assert response.status_code in status, (self.who, response.request["PATH_INFO"], response.status_code,
                                                response.content[:800].decode(errors="replace"))
        body = response.json()
        assert CJK.search(body["message"]), (self.who, body)
        return body


def _xlsx(rows: list[dict]) -> io.BytesIO:
    from unionhome.members.roster_rows import COLUMNS

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([c.title for c in COLUMNS])
    for row in rows:
        sheet.append([row.get(c.key, "") for c in COLUMNS])
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "花名册.xlsx"
    return out


def _roster(year: int) -> list[dict]:
    """23 people: 20 staff in two groups (11 women), 3 retirees; the officers among them."""
    from unionhome.core import idcard

    people = [
        # name, gender, born, unit, group, status
        ("王建华", "F", dt.date(1972, 3, 1), "县政府办公室", "办公室小组", "在职"),      # chair
        ("李国强", "M", dt.date(1978, 5, 2), "县政府办公室", "办公室小组", "在职"),      # committee member
        ("阿依古丽", "F", dt.date(1983, 7, 3), "县财政局", "财政局小组", "在职"),       # women's committee
        ("张志明", "M", dt.date(1980, 1, 4), "县政府办公室", "办公室小组", "在职"),      # group leader
        ("刘晓燕", "F", dt.date(1990, 2, 5), "县财政局", "财政局小组", "在职"),         # funds reviewer (经审)
        ("陈小明", "M", dt.date(1992, 6, 6), "县政府办公室", "办公室小组", "在职"),      # a member
    ]
    more = [("赵丽", "F"), ("孙强", "M"), ("周敏", "F"), ("吴刚", "M"), ("郑芳", "F"), ("冯磊", "M"), ("陈静", "F"),
            ("褚勇", "M"), ("卫红", "F"), ("蒋涛", "M"), ("沈梅", "F"), ("韩雪", "F"), ("杨波", "M"), ("朱琳", "F")]
    for i, (name, gender) in enumerate(more):
        unit, group = (("县政府办公室", "办公室小组") if i % 2 == 0 else ("县财政局", "财政局小组"))
        people.append((name, gender, dt.date(1985 + i % 10, 1 + i % 12, 10 + i), unit, group, "在职"))
    for name, gender, born in (("老马", "M", dt.date(1955, 4, 1)), ("老林", "F", dt.date(1958, 8, 8)),
                               ("老高", "M", dt.date(1950, 12, 12))):
        people.append((name, gender, born, "县政府办公室", "", "退休"))
    rows = []
    for seq, (name, gender, born, unit, group, status) in enumerate(people, start=1):
        rows.append({"name": name, "gender": "男" if gender == "M" else "女", "ethnicity": "汉族",
                     "birth_date": born, "id_number": idcard.make("652901", born, seq, gender),
                     "mobile": f"1390000{seq:04d}", "unit": unit, "group": group, "employment_status": status,
                     "joined_on": dt.date(2015, 7, 1), "card_number": f"YR{seq:04d}",
                     "membership_status": "保留会籍" if status == "退休" else "在会"})
    return rows


def _png(name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from unionhome.core.testing import images

    return SimpleUploadedFile(name, images.PNG, content_type="image/png")


def _pdf(name="说明.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


def _docx_text(response) -> str:
    """Every paragraph and table cell of a downloaded Word document, as one text."""
    import docx

    document = docx.Document(io.BytesIO(response.content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _placeholders(texts: dict) -> list[str]:
    return re.findall(r"\{\{ ([\w.]+) \}\}", "".join(texts.values()))


def _token(user) -> str:
    from unionhome.accounts.services import token_issue

    return token_issue(actor=None, user=user, name="year")[1]


def test_a_whole_union_year_through_the_api(client):
    from django.contrib.auth import get_user_model

    from unionhome.accounts.services import account_create
    from unionhome.core.creditcode import credit_code_make
    from unionhome.core.models import Union
    from unionhome.org.services import union_create

    today = timezone.localdate()
    year = today.year
    anonymous = Caller(client, None, "anonymous")

    # --- the platform: the county federation and its officer (manage.py union_create) ------------------------
    county = union_create(actor=None, name="某县总工会", code="YF", kind=Union.Kind.FEDERATION, province="新疆")
    fed_user = account_create(actor=None, username="y_federation", password=PASSWORD, union=county,
                              roles=["federation"], must_change_password=False)
    federation = Caller(client, _token(fed_user), "federation")

    # --- the federation sets up the union; its chair signs in ----------------------------------------------------
    federation.ok(federation.post("/setup/unions", {
        "name": "某县政府机关工会", "credit_code": credit_code_make("81652901MA0000001"), "province": "新疆",
        "founded_on": "2010-05-01", "chair_username": "y_chair", "chair_name": "王建华"}), 201)
    anonymous.refused(anonymous.post("/setup/unions", {}), 401)
    User = get_user_model()
    chair_user = User.objects.get(username="y_chair")
    chair = Caller(client, _token(chair_user), "chair")
    union = chair.ok(chair.get("/org/union"))
    assert union["name"] == "某县政府机关工会", union
    federation.refused(federation.post("/org/units", {"name": "县政府办公室"}))

    # --- units and union groups ---------------------------------------------------------------------------------
    units = {n: chair.ok(chair.post("/org/units", {"name": n}), 201)["id"] for n in ("县政府办公室", "县财政局")}
    groups = {n: chair.ok(chair.post("/org/groups", {"name": n, "unit_id": units[u]}), 201)["id"]
              for n, u in (("办公室小组", "县政府办公室"), ("财政局小组", "县财政局"))}

    # --- the roster, from an xlsx --------------------------------------------------------------------------------
    rows = _roster(year)
    template = chair.ok(chair.get("/roster/template"))
    assert template["Content-Type"].startswith("application/vnd.openxmlformats")
    checked = chair.ok(chair.upload("/roster/import?dry_run=true", {"file": _xlsx(rows)}))
    assert checked["valid"] == len(rows) and not checked["written"], checked["errors"]
    imported = chair.ok(chair.upload("/roster/import", {"file": _xlsx(rows)}))
    assert imported["created"] == len(rows) and imported["written"], imported
    workers = {w["name"]: w for w in chair.ok(chair.get("/members/workers", limit=100))["results"]}
    assert len(workers) == len(rows), workers.keys()
    wid = {name: w["id"] for name, w in workers.items()}
    staff = [r["name"] for r in rows if r["employment_status"] == "在职"]
    retirees = [r["name"] for r in rows if r["employment_status"] == "退休"]

    # --- a login for every member: the codes once, each member activates their own ------------------------------
    slips = chair.ok(chair.post("/accounts/issue", {}), 201)
    assert {s["name"] for s in slips} >= set(staff), slips
    people: dict[str, Caller] = {}
    for slip in slips:
        anonymous.ok(anonymous.post("/accounts/activate", {"login": slip["username"], "code": slip["code"],
                                                           "password": PASSWORD}))
        people[slip["name"]] = Caller(client, _token(User.objects.get(pk=slip["user_id"])), slip["name"])
    bad = anonymous.refused(anonymous.post("/accounts/activate", {"login": slips[0]["username"], "code": "XXXXXXXX",
                                                                  "password": PASSWORD}), 422)
    assert bad["code"] == "activation_invalid"
    member = people["陈小明"]
    member.refused(member.post("/accounts/issue", {}))
    member.refused(member.get("/roster/template"))

    # --- the group leaders; the women's committee and the funds review committee (经审) ---------------------------
    chair.ok(chair.post(f"/org/groups/{groups['办公室小组']}/leader", {"leader_id": wid["张志明"]}))
    chair.ok(chair.post(f"/org/groups/{groups['财政局小组']}/leader", {"leader_id": wid["吴刚"]}))
    member.refused(member.post(f"/org/groups/{groups['财政局小组']}/leader", {"leader_id": wid["陈小明"]}))
    started = dt.date(year, 1, 5)
    for kind, number, title, who in (("women", 1, "women_director", "阿依古丽"), ("audit", 1, "audit_chair", "刘晓燕")):
        term = chair.ok(chair.post("/committees/terms", {"kind": kind, "number": number, "starts_on": str(started),
                                                         "years": 5, "seats": 1}), 201)
        chair.ok(chair.post(f"/committees/terms/{term['id']}/approve", {
            "approved_on": str(started), "approval_document": "县总工发〔%s〕3号" % year, "approved_by": "某县总工会"}))
        chair.ok(chair.post(f"/committees/terms/{term['id']}/positions", {"worker_id": wid[who], "title": title,
                                                                           "started_on": str(started)}), 201)
    member.refused(member.post("/committees/terms", {"kind": "union", "number": 9, "starts_on": str(started),
                                                     "years": 5, "seats": 3}))
    chair.ok(chair.post("/accounts/roles-sync"))

    # --- the committee election (换届选举): nominate, vote online as members, count, release, approve -----------
    election = chair.ok(chair.post("/elections", {"kind": "general", "committee_kind": "union", "mode": "online",
                                                  "seats": 3, "held_on": str(today), "term_years": 5,
                                                  "body": "members"}), 201)
    eid = election["id"]
    member.refused(member.post("/elections", {"kind": "general", "committee_kind": "union", "mode": "online",
                                              "seats": 3, "held_on": str(today)}))
    nominees = ["王建华", "李国强", "郑芳", "孙强"]
    candidates = {}
    for name in nominees:
        c = chair.ok(chair.post(f"/elections/{eid}/candidates", {"worker_id": wid[name], "nominated_by": "各小组推荐"}),
                     201)
        candidates[name] = chair.ok(chair.post(f"/elections/{eid}/candidates/{c['id']}/confirm"))["id"]
    chair.ok(chair.put(f"/elections/{eid}/officers", {"scrutineer_ids": [wid["蒋涛"]], "teller_ids": [wid["沈梅"]]}))
    now = timezone.now()
    voters = [n for n in staff if n in people]
    chair.ok(chair.post(f"/elections/{eid}/open", {"opens_at": (now - dt.timedelta(minutes=5)).isoformat(),
                                                   "closes_at": (now + dt.timedelta(hours=2)).isoformat(),
                                                   "present": len(voters)}))
    for i, name in enumerate(voters):
        marks = [{"candidate_id": candidates[n], "mark": "F" if (n != "孙强" or i % 4 == 0) else "A"}
                 for n in nominees[:3] + ["孙强"]][:3] if i % 5 else \
            [{"candidate_id": candidates[n], "mark": "F"} for n in ("王建华", "李国强", "郑芳")]
        people[name].ok(people[name].post(f"/elections/{eid}/vote", {"marks": marks}), 201)
    again = member.refused(member.post(f"/elections/{eid}/vote", {"marks": []}), (409, 422))
    assert again["code"] == "already_voted", again
    member.refused(member.get(f"/elections/{eid}/results"))
    chair.ok(chair.post(f"/elections/{eid}/close"))
    chair.ok(chair.post(f"/elections/{eid}/release", {"released_on": str(today)}))
    results = member.ok(member.get(f"/elections/{eid}/results"))
    assert results["outcome"] == "elected" and results["ballots_returned"] == len(voters), results
    assert {r["worker_name"] for r in results["results"] if r["elected"]} == {"王建华", "李国强", "郑芳"}, results
    term = chair.ok(chair.post(f"/elections/{eid}/approve", {"approved_on": str(today),
                                                             "approval_document": "县总工发〔%s〕9号" % year,
                                                             "approved_by": "某县总工会"}))
    assert term["status"] == "active", term
    chair.ok(chair.post("/accounts/roles-sync"))
    committee = people["李国强"]
    assert committee.ok(committee.get("/members/me"))["name"] == "李国强"

    # --- care: weddings, funerals, illness, with amounts and evidence -------------------------------------------
    visits = []
    for name, kind, extra, amount in (("赵丽", "wedding", {}, "500"), ("孙强", "death_relative", {"relation": "parent"}, "500"),
                                      ("周敏", "hospital", {"surgery": True}, "300"), ("吴刚", "hospital", {}, "200")):
        v = committee.ok(committee.post("/care/visits", {
            "worker_id": wid[name], "kind": kind, "visited_on": str(dt.date(year, 3, 12)), "amount": amount,
            "gift_form": "goods", "gift": "慰问品", "officer_ids": [wid["李国强"]], "note": "工会慰问", **extra}), 201)
        visits.append(v)
    member.refused(member.post("/care/visits", {"worker_id": wid["陈小明"], "kind": "hospital",
                                                "visited_on": str(dt.date(year, 3, 12)), "amount": "100"}))
    photo = committee.ok(committee.upload(f"/care/visits/{visits[0]['id']}/photos",
                                          {"photos": [_png("婚礼.png"), _png("慰问金签收.png")]}), 201)
    assert len(photo) == 2
    wrong = committee.refused(committee.upload(f"/care/visits/{visits[1]['id']}/photos",
                                               {"photos": [_pdf()]}), 422)
    assert wrong["code"] == "photo_not_image", wrong
    committee.ok(committee.post(f"/care/visits/{visits[2]['id']}/discharge", {"on": str(dt.date(year, 3, 20))}))

    # --- festival visits to every retiree: New Year's Day, Spring Festival, National Day ---------------------------
    for festival, on in (("new_year", dt.date(year, 1, 1)), ("spring_festival", dt.date(year, 2, 2)),
                         ("national_day", dt.date(year, 10, 1))):
        for name in retirees:
            committee.ok(committee.post("/care/visits", {
                "worker_id": wid[name], "kind": "retiree_festival", "festival": festival, "visited_on": str(on),
                "amount": "200", "gift_form": "goods", "gift": "米油", "officer_ids": [wid["李国强"]]}), 201)
    not_retired = committee.refused(committee.post("/care/visits", {
        "worker_id": wid["陈小明"], "kind": "retiree_festival", "festival": "national_day",
        "visited_on": str(dt.date(year, 10, 1)), "amount": "200"}), 422)
    assert not_retired["code"] == "not_retired"
    festival_visits = 3 * len(retirees)

    # --- the women's health check with the county maternal and child health station -----------------------------
    # (a slot is booked only before its day and attendance recorded only up to today: the check is held today)
    women = people["阿依古丽"]
    campaign = women.ok(women.post("/care/health", {"name": "%s年女职工免费妇科检查" % year,
                                                    "clinic": "县妇幼保健站"}), 201)
    member.refused(member.post("/care/health", {"name": "妇检", "clinic": "县妇幼保健站"}))
    slots = women.ok(women.post(f"/care/health/{campaign['id']}/slots", {
        "day": str(today), "times": [{"starts_at": "08:30", "ends_at": "11:30"}], "capacity": 40}), 201)
    invited = women.ok(women.post(f"/care/health/{campaign['id']}/invite"))["count"]
    female_staff = [r["name"] for r in rows if r["gender"] == "女" and r["employment_status"] == "在职"]
    invites = women.ok(women.get(f"/care/health/{campaign['id']}/invites"))
    assert invited == len(invites) == len(female_staff), (invited, invites)
    checked_women = 0
    for i, invite in enumerate(invites):
        women.ok(women.post(f"/care/health/invites/{invite['id']}/schedule", {"slot_id": slots[0]["id"]}))
        attended = i != 0  # one woman did not come
        women.ok(women.post(f"/care/health/invites/{invite['id']}/attendance",
                            {"on": str(today), "attended": attended}))
        if attended:
            women.ok(women.put(f"/care/health/invites/{invite['id']}/result", {"result": "未见异常"}))
            checked_women += 1
    totals = women.ok(women.get(f"/care/health/{campaign['id']}"))
    assert totals["attended"] == checked_women, totals
    member.refused(member.get(f"/care/health/{campaign['id']}/invites"))

    # --- 送温暖 at the Mid-Autumn Festival: retirees (and needy members) visited with gifts ------------------------
    warmth = chair.ok(chair.post("/care/warmth", {"name": "%s年中秋送温暖" % year, "festival": "mid_autumn",
                                                  "year": year, "default_amount": "300"}), 201)
    selected = chair.ok(chair.post(f"/care/warmth/{warmth['id']}/select", {"needy": True, "retirees": True}))
    detail = chair.ok(chair.get(f"/care/warmth/{warmth['id']}"))
    assert selected["count"] == len(detail["visits"]) == len(retirees), (selected, detail)
    for v in detail["visits"]:
        chair.ok(chair.post(f"/care/warmth/visits/{v['id']}/assign", {"officer_id": wid["李国强"]}))
        chair.ok(chair.post(f"/care/warmth/visits/{v['id']}/done",
                            {"note": "送去月饼", "gift": "月饼", "on": str(dt.date(year, 9, 24))}))
    committee.refused(committee.post(f"/care/warmth/{warmth['id']}/close"))  # needy members' files: chair only
    chair.ok(chair.post(f"/care/warmth/{warmth['id']}/close"))
    warmth_done = len(detail["visits"])

    # --- a donation campaign (捐资捐物) and a blood drive with the county Red Cross ----------------------------------
    drive = chair.ok(chair.post("/care/donations", {"name": "金秋助学捐款", "cause": "资助贫困学生",
                                                    "recipient": "县教育基金会", "opened_on": str(dt.date(year, 8, 20))}), 201)
    donated = {"陈小明": "100", "赵丽": "200", "孙强": "50"}
    for name, amount in donated.items():
        d = committee.ok(committee.post(f"/care/donations/{drive['id']}/donations", {
            "worker_id": wid[name], "kind": "money", "pledged": amount}), 201)
        committee.ok(committee.post(f"/care/donations/items/{d['id']}/receive",
                                    {"received": amount, "on": str(dt.date(year, 8, 25))}))
    goods = committee.ok(committee.post(f"/care/donations/{drive['id']}/donations", {
        "worker_id": wid["周敏"], "kind": "goods", "pledged": "300", "goods": "书包10个（折价）", "received": "300",
        "received_on": str(dt.date(year, 8, 25))}), 201)
    assert goods["received_on"] == str(dt.date(year, 8, 25)), goods
    donated["周敏"] = "300"
    chair.ok(chair.post(f"/care/donations/{drive['id']}/handover", {"on": str(dt.date(year, 9, 1)), "note": "已移交"}))
    totals = chair.ok(chair.get(f"/care/donations/{drive['id']}"))
    assert Decimal(totals["received"]) == sum(Decimal(v) for v in donated.values()), totals
    member.refused(member.post(f"/care/donations/{drive['id']}/donations", {"worker_id": wid["陈小明"],
                                                                            "kind": "money", "pledged": "10"}))
    blood = chair.ok(chair.post("/care/blood", {"name": "无偿献血", "held_on": str(dt.date(year, 5, 20)),
                                                "partner": "县红十字会", "place": "县政府广场"}), 201)
    donors = 0
    for name, outcome in (("陈小明", "donated"), ("孙强", "donated"), ("韩雪", "deferred")):
        v = committee.ok(committee.post(f"/care/blood/{blood['id']}/volunteers", {"worker_id": wid[name]}), 201)
        committee.ok(committee.post(f"/care/blood/volunteers/{v['id']}/outcome", {
            "outcome": outcome, "volume_ml": 300 if outcome == "donated" else None}))
        donors += outcome == "donated"
    assert chair.ok(chair.get(f"/care/blood/{blood['id']}"))["donated"] == donors

    # --- culture and sport: an activity with sign-ups, a competition with results, the room and its booking -------
    starts = (timezone.localtime() + dt.timedelta(hours=30)).replace(minute=0, second=0, microsecond=0)
    activity = committee.ok(committee.post("/activities", {
        "kind": "sport", "title": "迎五一乒乓球比赛", "starts_at": starts.isoformat(),
        "ends_at": (starts + dt.timedelta(hours=3)).isoformat(), "place": "职工活动室", "capacity": 30}), 201)[0]
    member.refused(member.post("/activities", {"kind": "sport", "title": "x", "starts_at": starts.isoformat(),
                                               "ends_at": (starts + dt.timedelta(hours=1)).isoformat()}))
    players = ["陈小明", "孙强", "吴刚", "冯磊"]
    for name in players:
        people[name].ok(people[name].post(f"/activities/{activity['id']}/signup", {}), 201)
    dup = people["陈小明"].refused(people["陈小明"].post(f"/activities/{activity['id']}/signup", {}), 409)
    assert dup["code"] == "already_signed_up"
    signups = committee.ok(committee.get(f"/activities/{activity['id']}/signups"))
    assert sorted(s["worker_id"] for s in signups) == sorted(wid[n] for n in players), signups
    race = committee.ok(committee.post("/competitions/", {
        "title": "乒乓球单打", "sport": "table_tennis", "format": "round_robin", "entry_kind": "person",
        "held_on": str(starts.date()), "place": "职工活动室", "activity_id": activity["id"], "best_of": 3}), 201)
    committee.ok(committee.post(f"/competitions/{race['id']}/steps/entries-import"))
    started = committee.ok(committee.post(f"/competitions/{race['id']}/steps/start"))
    for match in started["matches"]:
        if match["b"] is not None:
            committee.ok(committee.post(f"/competitions/{race['id']}/matches/{match['id']}/result",
                                        {"sets": "11:7 11:9" if match["a"] != "冯磊" else "7:11 9:11"}))
    member.refused(member.post(f"/competitions/{race['id']}/steps/finish"))
    finished = committee.ok(committee.get(f"/competitions/{race['id']}"))
    assert finished["status"] == "finished", finished  # the last result finishes a round robin
    assert finished["standings"][0][1] == "吴刚", finished["standings"]
    committee.ok(committee.post(f"/competitions/{race['id']}/prizes", {
        "tiers": [{"title": "一等奖", "count": 1, "amount": "200"}],  # rule 19: at most a third of 4 entrants
        "awarded_on": str(today)}))

    room = chair.ok(chair.post("/activities/room/rooms", {"name": "职工活动室", "location": "机关办公楼三楼"}), 201)
    friday = (timezone.localtime() + dt.timedelta(days=(4 - timezone.localtime().weekday()) % 7 + 7)).replace(
        hour=15, minute=0, second=0, microsecond=0)
    booking = chair.ok(chair.post("/activities/room/bookings", {
        "room_id": room["id"], "starts_at": friday.isoformat(),
        "ends_at": (friday + dt.timedelta(hours=2)).isoformat(), "purpose": "周五下午学习娱乐"}), 201)
    clash = chair.refused(chair.post("/activities/room/bookings", {
        "room_id": room["id"], "starts_at": (friday + dt.timedelta(hours=1)).isoformat(),
        "ends_at": (friday + dt.timedelta(hours=3)).isoformat(), "purpose": "重复预约"}), (409, 422))
    assert clash["code"] == "booking_overlap" and booking["status"] == "booked", (clash, booking)
    tv = chair.ok(chair.post("/activities/room/assets", {"name": "电视机", "code": "TV-1", "category": "tv",
                                                         "price": "3000", "purchased_on": str(dt.date(year, 4, 1))}),
                  201)
    assert tv["code"] == "TV-1", tv

    # --- democratic management: 政务公开 items, and a 合理化建议 with its answer -------------------------------------
    published = 0
    for title, kind in (("县政府办公室工作职责", "duties"), ("公文办理程序", "procedures"), ("服务承诺", "commitments")):
        item = chair.ok(chair.post("/disclosures/items", {"title": title, "kind": kind, "publisher": "县政府办公室",
                                                          "place": "board", "content": title + "（全文）",
                                                          "published_on": str(dt.date(year, 3, 1))}), 201)
        published += 1
    assert item["version"] == 1, item
    member.refused(member.post("/disclosures/items", {"title": "x", "kind": "duties", "publisher": "x",
                                                      "place": "board", "content": "x"}))
    idea = member.ok(member.post("/suggestions", {"title": "活动室延长开放时间", "text": "建议周五活动室开放到晚上八点",
                                                  "category": "union", "anonymous": False}), 201)
    member.refused(member.post(f"/suggestions/{idea['id']}/answer", {"outcome": "adopted", "answer": "同意"}))
    answered = chair.ok(chair.post(f"/suggestions/{idea['id']}/answer", {
        "outcome": "adopted", "answer": "采纳，自下周起周五开放到20:00"}))
    assert answered["status"] == "answered" and answered["outcome"] == "adopted", answered
    member.ok(member.post(f"/suggestions/{idea['id']}/rate", {"rating": 5, "note": "满意"}))
    people["赵丽"].refused(people["赵丽"].post(f"/suggestions/{idea['id']}/rate", {"rating": 1}), (403, 404, 409, 422))

    # --- a committee meeting with minutes and a decision ------------------------------------------------------------
    meeting = chair.ok(chair.post("/meetings", {"kind": "special", "title": "工会工作专题会议", "held_on": str(today),
                                                "place": "三楼会议室", "chaired_by_id": wid["王建华"],
                                                "recorded_by_id": wid["李国强"]}), 201)
    assert len(meeting["attendees"]) == 3, meeting  # the new committee is invited
    member.refused(member.post("/meetings", {"kind": "special", "title": "x", "held_on": str(today)}))
    agenda = chair.ok(chair.post(f"/meetings/{meeting['id']}/items", {"title": "研究年终评先", "kind": "item",
                                                                     "notes": "讨论年终评选先进工作者名额"}), 201)
    chair.ok(chair.post(f"/meetings/{meeting['id']}/attendees/rest", {"status": "present"}))
    decision = chair.ok(chair.post(f"/meetings/{meeting['id']}/items/{agenda['items'][-1]['id']}/decisions", {
        "text": "每个小组推荐1至2名先进工作者", "outcome": "adopted", "votes_for": 3, "votes_against": 0,
        "votes_abstain": 0, "owner_id": wid["李国强"], "due_on": str(today + dt.timedelta(days=20))}), 201)
    closed = chair.ok(chair.post(f"/meetings/{meeting['id']}/close", {"summary": "会议通过了年终评先办法"}))
    minutes = chair.ok(chair.get(f"/meetings/{meeting['id']}/minutes"))
    assert minutes["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert closed["status"] == "closed" and closed["quorum"]["met"] and decision["outcome"] == "adopted", closed

    # --- weekly group study with reflections (the group leader records), officer training -------------------------
    leader = people["张志明"]
    office = [r["name"] for r in rows if r["group"] == "办公室小组"]
    local_today = timezone.localdate()
    first_friday = local_today - dt.timedelta(days=(local_today.weekday() - 4) % 7 + 21)
    sessions = leader.ok(leader.post("/study/series", {"group_id": groups["办公室小组"], "first_on": str(first_friday),
                                                       "weeks": 3, "place": "职工活动室"}), 201)
    member.refused(member.post("/study/series", {"group_id": groups["办公室小组"], "first_on": str(first_friday),
                                                 "weeks": 3}))
    leader.refused(leader.post("/study/series", {"group_id": groups["财政局小组"], "first_on": str(first_friday),
                                                 "weeks": 3}), 422)  # not_group_leader: another group's study
    marked = present = 0
    for session in sessions:
        marks = [{"worker_id": wid[n], "mark": "present" if n != "褚勇" else "absent"} for n in office]
        leader.ok(leader.post(f"/study/sessions/{session['id']}/record", {
            "marks": marks, "topic": "学习《工会法》", "discussion": "结合本职工作谈体会"}))
        marked += len(marks)
        present += sum(m["mark"] == "present" for m in marks)
    reflection = member.ok(member.client.post(f"/api/v1/study/sessions/{sessions[0]['id']}/reflection",
                                              {"text": "学习《工会法》后，我更明白了会员的权利和义务。"},
                                              **member._headers()), (200, 201))
    leader.ok(leader.post(f"/study/reflections/{reflection['id']}/review", {"accept": True, "comment": "写得好"}))
    training = chair.ok(chair.post("/study/trainings", {
        "kind": "new_officer", "course": "新任工会干部培训班", "provider": "县总工会",
        "starts_on": str(dt.date(year, 4, 10)), "ends_on": str(dt.date(year, 4, 11)), "hours": "12"}), 201)
    for name in ("阿依古丽", "刘晓燕"):  # in office since January (the elected committee took office today)
        chair.ok(chair.upload(f"/study/trainings/{training['id']}/records", {}, {"worker_id": wid[name]}), (200, 201))
    member.refused(member.upload(f"/study/trainings/{training['id']}/records", {}, {"worker_id": wid["陈小明"]}))

    # --- the funds reviewer (经审) reads the books and changes nothing ---------------------------------------------
    reviewer = people["刘晓燕"]
    books = reviewer.ok(reviewer.get("/funds/entries"))
    assert books["count"] == 18 and Decimal(books["expense"]) == Decimal("7400"), books
    reviewer.refused(reviewer.post("/care/visits", {"worker_id": wid["陈小明"], "kind": "hospital",
                                                    "visited_on": str(dt.date(year, 3, 12)), "amount": "100"}))

    # --- the year's figures: each equals what the year entered -------------------------------------------------
    figures = {f["key"]: f for f in chair.ok(chair.get("/figures", year=year))}
    def figure(key):
        f = figures[key]
        return f["value"] if f["measure"] != "count" else f["count"]

    care_visits = len(visits) + festival_visits + warmth_done  # 送温暖 visits are visits too
    expected = {
        "members.staff": len(staff), "members.in_membership": len(staff), "members.rate": 100.0,
        "care.visits": care_visits, "care.health_check_women": checked_women, "care.warmth_recipients": warmth_done,
        "care.donations": sum(Decimal(v) for v in donated.values()), "care.blood_donors": donors,
        "activities.held": 1, "activities.participation": len(players), "competitions.held": 1,
        "elections.held": 1, "meetings.held": 1, "meetings.special_held": 1, "meetings.decisions_adopted": 1,
        "suggestions.submitted": 1, "suggestions.adopted": 1, "suggestions.answered_in_time": 1,
        "disclosures.published": published, "study.sessions": len(sessions), "study.attendance_marked": marked,
        "study.attendance_present": present, "study.reflections": 1, "study.officers_trained": 2, "study.officers_untrained": 3,
        "study.training_hours": 24,
        # every payment of the year: visits, festival and 送温暖 gifts, the prize, the television
        "funds.expense": Decimal("1500") + festival_visits * 200 + warmth_done * 300 + 200 + 3000,
    }
    got = {key: figure(key) for key in expected}
    assert {k: Decimal(str(v)) for k, v in got.items()} == {k: Decimal(str(v)) for k, v in expected.items()}, got
    # the county federation reads the union's figures; the union's members cannot read the federation's
    rate = federation.ok(federation.get(f"/federation/unions/{union['id']}/figures/members.rate", year=year))
    assert rate["value"] == 100.0, rate
    member.refused(member.get(f"/federation/unions/{union['id']}/figures/members.rate", year=year))

    # ============================================================================================================
    # The year end: the plan checked item by item with its evidence, the year-end evaluation (the group leaders
    # nominate, the committee decides, 公示, final, rewards, certificates), the annual report built and downloaded.
    # ============================================================================================================
    female = len([r for r in rows if r["gender"] == "女" and r["employment_status"] == "在职"])
    assert checked_women == female - 1

    # --- the year's work plan (written and adopted in January), its mid-year check --------------------------------
    plan = chair.ok(chair.post("/plans", {"year": year}), 201)
    member.refused(member.post("/plans", {"year": year + 1}))
    planned = (  # title, area, owners, groups, figure, target
        ("开展困难、患病和退休职工慰问", "care", ["李国强"], [], "care.visits", 10),
        ("组织女职工免费妇科检查", "women", ["阿依古丽"], [], "care.health_check_women", 8),
        ("坚持每周五小组学习", "study", [], ["办公室小组"], "study.sessions", 3),
        ("开展年终评先评优", "evaluation", ["王建华"], [], "", None),
    )
    items = []
    for title, area, owners, in_groups, key, target in planned:
        items.append(chair.ok(chair.post(f"/plans/{plan['id']}/items", {
            "title": title, "area": area, "owner_ids": [wid[n] for n in owners],
            "group_ids": [groups[g] for g in in_groups], "target": "全年%s" % title, "figure_key": key,
            "target_value": target, "deadline": str(dt.date(year, 12, 31))}), 201))
    outsider = chair.refused(chair.post(f"/plans/{plan['id']}/items", {
        "title": "x", "area": "other", "owner_ids": [wid["陈小明"]]}), 422)
    assert outsider["code"] == "owner_not_committee_member", outsider
    adopted = chair.ok(chair.post(f"/plans/{plan['id']}/adopt", {"adopted_on": str(dt.date(year, 1, 10))}))
    assert adopted["status"] == "adopted" and len(adopted["items"]) == len(planned), adopted
    midyear = committee.ok(committee.post(f"/plans/{plan['id']}/reviews/midyear", {
        "checked_on": str(dt.date(year, 6, 30)), "note": "年中检查"}), 201)
    first = midyear["entries"][0]
    committee.ok(committee.put(f"/plans/entries/{first['id']}", {"status": "on_track", "comment": "上半年已慰问"}))
    found = committee.ok(committee.get(f"/plans/entries/{first['id']}/records", record_kind="care.visit",
                                       start=str(dt.date(year, 3, 1)), end=str(dt.date(year, 3, 31))))
    assert {r["object_id"] for r in found} == {v["id"] for v in visits}, found
    committee.ok(committee.post(f"/plans/entries/{first['id']}/links", {"kind": "care.visit",
                                                                        "object_id": visits[0]["id"]}), 201)

    # --- the year-end evaluation: honours, the groups' nominations by their leaders -----------------------------
    worker_kind = chair.ok(chair.post("/awards/kinds", {"name": "先进工作者", "reward_item": "荣誉证书和纪念品",
                                                        "reward_value": "300", "reward_form": "goods"}), 201)
    group_kind = chair.ok(chair.post("/awards/kinds", {"name": "优秀工会小组", "nominee": "group",
                                                       "quota_per_union": 1}), 201)
    member.refused(member.post("/awards/kinds", {"name": "x"}))
    round_ = chair.ok(chair.post("/awards/rounds", {"year": year, "title": "%s年度评先评优" % year,
                                                    "kind_ids": [worker_kind["id"], group_kind["id"]]}), 201)
    rid = round_["id"]
    chair.ok(chair.post(f"/awards/rounds/{rid}/exclusions", {"worker_id": wid["冯磊"], "ground": "年度考核不称职"}), 201)
    assert [e["worker_name"] for e in chair.ok(chair.get(f"/awards/rounds/{rid}"))["exclusions"]] == ["冯磊"]
    office_leader, finance_leader = people["张志明"], people["吴刚"]
    office_members = len([r for r in rows if r["group"] == "办公室小组"])
    finance_members = len([r for r in rows if r["group"] == "财政局小组"])
    nominated = {}
    for leader_, names, voters in ((office_leader, ("陈小明", "赵丽"), office_members),
                                   (finance_leader, ("孙强",), finance_members)):
        for name in names:
            nominated[name] = leader_.ok(leader_.post(f"/awards/rounds/{rid}/nominations", {
                "kind_id": worker_kind["id"], "worker_id": wid[name], "discussion": "小组会议民主推荐",
                "votes_for": voters - 1, "voters": voters}), 201)
    other_group = office_leader.refused(office_leader.post(f"/awards/rounds/{rid}/nominations", {
        "kind_id": worker_kind["id"], "worker_id": wid["刘晓燕"]}))
    assert other_group["code"] == "not_your_group", other_group
    full = office_leader.refused(office_leader.post(f"/awards/rounds/{rid}/nominations", {
        "kind_id": worker_kind["id"], "worker_id": wid["周敏"]}), 422)
    assert full["code"] == "quota_full", full  # two per group (awards.quota_per_group)
    retired = chair.refused(chair.post(f"/awards/rounds/{rid}/nominations", {
        "kind_id": worker_kind["id"], "worker_id": wid["老马"]}), 422)
    assert retired["code"] in ("no_group", "not_eligible"), retired
    excluded = finance_leader.refused(finance_leader.post(f"/awards/rounds/{rid}/nominations", {
        "kind_id": worker_kind["id"], "worker_id": wid["冯磊"]}), 422)
    assert excluded["code"] == "not_eligible", excluded
    member.refused(member.post(f"/awards/rounds/{rid}/nominations", {"kind_id": worker_kind["id"],
                                                                     "worker_id": wid["陈小明"]}))
    group_nomination = finance_leader.ok(finance_leader.post(f"/awards/rounds/{rid}/group-nominations", {
        "kind_id": group_kind["id"], "group_id": groups["财政局小组"], "discussion": "全年学习和活动出勤好"}), 201)
    seen = office_leader.ok(office_leader.get(f"/awards/rounds/{rid}"))
    assert {n["worker_name"] for n in seen["nominations"]} == {"陈小明", "赵丽"}, seen  # their own group's only

    # --- the committee decides (at its meeting three weeks ago), 公示 five working days, final -------------------
    chosen = [nominated["陈小明"]["id"], nominated["孙强"]["id"], group_nomination["id"]]
    met_on = today - dt.timedelta(days=21)
    member.refused(member.post(f"/awards/rounds/{rid}/decide", {"nomination_ids": chosen,
                                                                "meeting_ref": "x", "meeting_on": str(met_on)}))
    decided = committee.ok(committee.post(f"/awards/rounds/{rid}/decide", {
        "nomination_ids": chosen, "meeting_ref": "工会委员会第4次会议", "meeting_on": str(met_on)}))
    assert decided["status"] == "decided" and len(decided["awards"]) == len(chosen), decided
    assert {n["status"] for n in decided["nominations"] if n["id"] not in chosen} == {"not_chosen"}, decided
    published_round = committee.ok(committee.post(f"/awards/rounds/{rid}/publish", {"starts_on": str(met_on)}))
    assert published_round["publicity_ends_on"] < str(today), published_round
    honour = member.ok(member.get(f"/awards/rounds/{rid}"))["awards"][0]
    late = member.refused(member.post(f"/awards/honours/{honour['id']}/objections", {"reason": "不同意"}), 409)
    assert late["code"] == "not_in_publicity", late
    final = committee.ok(committee.post(f"/awards/rounds/{rid}/finalise"))
    assert final["status"] == "final" and final["finalised_on"] == str(today), final
    rewarded = committee.ok(committee.post(f"/awards/rounds/{rid}/rewards", {"on": str(today)}))
    assert sorted(a["worker_name"] for a in rewarded) == ["孙强", "陈小明"], rewarded  # the group's honour: no prize
    assert all(a["reward_voucher"] for a in rewarded), rewarded
    certificates = committee.ok(committee.get(f"/awards/rounds/{rid}/certificates"))
    assert certificates["Content-Type"].startswith(DOCX_TYPE), certificates["Content-Type"]
    printed = _docx_text(certificates)
    for name in ("陈小明", "孙强", "财政局小组"):
        assert name in printed, printed[:400]
    assert "%s-001" % year in printed and "赵丽" not in printed, printed[:400]
    member.refused(member.get(f"/awards/rounds/{rid}/certificates"))
    register = member.ok(member.get("/awards/register"))
    assert {r["name"] for r in register} == {"陈小明", "孙强"}, register

    # --- the year-end summary of the plan: every item done, with the records that show it -----------------------
    summary = committee.ok(committee.post(f"/plans/{plan['id']}/reviews/summary", {
        "checked_on": str(today), "note": "年终总结"}), 201)
    carried = summary["entries"][0]["links"]
    assert [(link["kind"], link["object_id"]) for link in carried] == [("care.visit", visits[0]["id"])], carried
    evidence = {1: ("care.health", campaign["id"]), 2: ("study.session", sessions[0]["id"]),
                3: ("awards.round", rid)}
    for i, entry in enumerate(summary["entries"]):
        if i in evidence:
            kind, object_id = evidence[i]
            committee.ok(committee.post(f"/plans/entries/{entry['id']}/links", {"kind": kind, "object_id": object_id}),
                         201)
        done = committee.ok(committee.put(f"/plans/entries/{entry['id']}", {"status": "done",
                                                                            "comment": "按计划完成"}))
    assert all(e["status"] == "done" and len(e["links"]) == 1 for e in done["entries"]), done
    person = committee.refused(committee.post(f"/plans/entries/{summary['entries'][3]['id']}/links", {
        "kind": "awards.group_honour", "object_id": rewarded[0]["id"]}), 422)  # a person's honour is never cited
    assert person["code"] == "record_not_found", person

    # --- the year's figures, now with the evaluation and the rewards -------------------------------------------
    rewards = sum(Decimal(a["reward_value"]) for a in rewarded)
    expected.update({
        "members.by_gender": len(rows), "members.by_age_band": len(rows),  # retirees keep their membership
        "funds.income": Decimal("0"), "funds.budget_expense": Decimal("0"),  # no dues booked, no budget written
        "awards.honours": len(chosen), "awards.honours_by_group": len(chosen), "awards.people_by_gender": 2,
        "awards.people_by_ethnicity": 2, "awards.consecutive": 0,
        "funds.expense": expected["funds.expense"] + rewards,
    })
    plan_rows = chair.ok(chair.get("/plans/summary", year=year))
    assert [(r["status"], r["value"], r["met"]) for r in plan_rows] == [
        ("done", care_visits, True), ("done", checked_women, checked_women >= 8), ("done", len(sessions), True),
        ("done", None, None)], plan_rows

    # --- the annual report: the chair writes the narrative, generates the figures, downloads the .docx ----------
    texts = {"democracy": "全年召开会议{{ meetings.held }}，公开事项{{ disclosures.published }}，"
                          "收到合理化建议{{ suggestions.submitted }}。",
             "study": "组织小组学习{{ study.sessions }}，培训工会干部{{ study.officers_trained }}。",
             "evaluation": "评选表彰{{ awards.honours }}，其中个人{{ awards.people_by_gender }}。"}
    women.refused(women.put(f"/reports/{year}/annual/narrative", {"texts": texts}))
    member.refused(member.get(f"/reports/{year}/annual"))
    typed = chair.refused(chair.put(f"/reports/{year}/annual/narrative",
                                    {"texts": {"care": "慰问{{ care.typed_in }}"}}), 422)
    assert typed["code"] == "report_unknown_figure", typed
    chair.ok(chair.put(f"/reports/{year}/annual/narrative", {"texts": texts}))
    generated = chair.ok(chair.post(f"/reports/{year}/annual/generate", {}))
    drafts = chair.ok(chair.get("/reports"))
    assert [(d["year"], d["kind"], d["generated"]["number"]) for d in drafts] == [
        (year, "annual", generated["number"])], drafts
    version = chair.ok(chair.get(f"/reports/{year}/annual/versions/{generated['number']}"))
    reported = version["figures"]
    # every figure in the report is one the year recorded, and equals what the test entered
    assert set(reported) <= set(expected), sorted(set(reported) - set(expected))
    for key in _placeholders(texts):
        assert key in reported, key
    def number(key, value, count):
        return count if figures[key]["measure"] == "count" else None if value is None else Decimal(str(value))

    got = {k: number(k, f["value"], f["count"]) for k, f in reported.items()}
    want = {k: number(k, expected[k], expected[k]) for k in reported}
    assert got == want, {k: (got[k], want[k]) for k in got if got[k] != want[k]}
    document = chair.ok(chair.get(f"/reports/{year}/annual/document", clean="true"))
    assert document["Content-Type"].startswith(DOCX_TYPE), document["Content-Type"]
    report_text = _docx_text(document)
    for key in _placeholders(texts):
        assert reported[key]["shown"] in report_text, (key, reported[key]["shown"])
    for title, *_rest in planned:  # the plan's items, each with its status
        assert re.search(r"%s：[^。]*已完成" % re.escape(title), report_text), (title, report_text[-1500:])
    women_view = women.ok(women.get(f"/reports/{year}/annual"))  # the committee reads the draft
    assert women_view["generated"]["number"] == generated["number"], women_view
    # every area that records has its figures in the report (the plan prints its items instead)
    assert [s["key"] for s in women_view["sections"] if not s["figures"]] == ["plan", "next_year"], women_view
    shown = {f["key"]: f["shown"] for s in women_view["sections"] for f in s["figures"]}
    assert shown["awards.honours"] == reported["awards.honours"]["shown"], shown
