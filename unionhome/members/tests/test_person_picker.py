"""One searchable person picker for every form that names a person: the roster's own search, scoped to the
union, instead of a dropdown of every name."""
from __future__ import annotations

import pytest
from django.urls import reverse

from unionhome.members.picker import PeoplePicker, PersonPicker


def _pick(client, q, *, name="worker", scope="union"):
    return client.get(reverse("members:pick"), {"name": name, f"{name}__q": q, "scope": scope})


def test_the_picker_finds_by_name_pinyin_and_initials_within_the_union(cast, client_for):
    client = client_for(cast.users["finance"])
    for q in ("张三", "zhangs", "zs"):
        html = _pick(client, q).content.decode()
        assert f'name="worker" value="{cast.workers["member"].pk}"' in html, q
    assert "褚四" not in _pick(client, "褚").content.decode()  # another union's worker


def test_only_who_sees_the_whole_roster_finds_a_person_by_number(cast, client_for):
    card = cast.workers["member"].membership.card_number
    member_pk = f'value="{cast.workers["member"].pk}"'
    assert member_pk in _pick(client_for(cast.users["chair"]), card).content.decode()
    # a plain member writes a name in on a ballot, but cannot learn whose card, ID tail or mobile a number is
    plain = client_for(cast.users["group_leader"])
    assert member_pk not in _pick(plain, card).content.decode()
    assert member_pk not in _pick(plain, cast.workers["member"].mobile).content.decode()
    assert member_pk in _pick(plain, "张三").content.decode()


def test_the_federation_has_no_person_picker(cast, client_for):
    assert _pick(client_for(cast.users["federation"]), "张三").status_code == 403


def test_the_members_scope_leaves_out_who_has_left(cast, client_for):
    import datetime as dt

    from unionhome.members.services import membership_leave

    membership_leave(actor=None, worker=cast.workers["group2_worker"], on=dt.date(2025, 1, 1))
    client = client_for(cast.users["chair"])
    assert "陈三" in _pick(client, "陈三").content.decode()
    assert "陈三" not in _pick(client, "陈三", scope="members").content.decode()


def _forms(cast):
    from unionhome.accounts.forms_manage import AccountCreateForm
    from unionhome.activities.forms import ActivityForm, LoanForm, WorkerPickForm
    from unionhome.care.forms import ConsentForm
    from unionhome.competitions.forms import EntryForm
    from unionhome.elections.forms import PaperCountForm, VoteForm
    from unionhome.elections.forms import WorkerPickForm as CandidateForm
    from unionhome.funds.forms import DuesPayForm, DuesRateForm, PayoutForm

    u = cast.union
    return {
        "payout": (PayoutForm(union=u), "worker"), "dues": (DuesPayForm(union=u), "worker"),
        "dues rate": (DuesRateForm(union=u, items=[]), "worker"),
        "loan": (LoanForm(union=u), "worker"), "activity roster": (WorkerPickForm(union=u), "worker"),
        "organisers": (ActivityForm(union=u), "organisers"),
        "competition entry": (EntryForm(workers=[cast.workers["member"]]), "worker"),
        "account": (AccountCreateForm(union=u), "worker"), "consent": (ConsentForm(union=u), "worker"),
        "candidate": (CandidateForm(union=u), "worker"),
        "paper write-in": (PaperCountForm(union=u, candidates=[]), "write_in"),
        "ballot write-in": (VoteForm(union=u, candidates=[], seats=1), "w0"),
    }


def test_every_person_field_is_the_searchable_picker_not_a_dropdown_of_every_name(cast):
    for what, (form, name) in _forms(cast).items():
        widget = form.fields[name].widget
        assert isinstance(widget, PersonPicker), what
        html = str(form[name])
        assert "<option" not in html and reverse("members:pick") in html, what
        assert "张三" not in html, what  # no name until one is searched for or chosen
    assert isinstance(_forms(cast)["organisers"][0].fields["organisers"].widget, PeoplePicker)


def test_a_chosen_person_stays_shown_and_a_foreign_id_shows_no_name(cast):
    from unionhome.funds.forms import PayoutForm

    form = PayoutForm({"worker": str(cast.workers["member"].pk)}, union=cast.union)
    assert "张三" in str(form["worker"]) and "checked" in str(form["worker"])
    form = PayoutForm({"worker": str(cast.workers["other_worker"].pk)}, union=cast.union)
    assert "褚四" not in str(form["worker"])
    assert not form.is_valid() and "worker" in form.errors


@pytest.mark.browser
def test_the_bookkeeper_finds_a_member_by_initials_and_picks_them(cast, login_as):
    page = login_as("t_finance")
    page.goto(reverse("funds:payout_new"))
    page.fill("#id_worker", "zs")
    page.wait_for_selector("#worker_results input[type=radio]")
    page.htmx_settled()
    page.click("#worker_results label:has-text('张三')")
    assert page.is_checked(f"#worker_results input[value='{cast.workers['member'].pk}']")
    assert page.locator("select[name=worker]").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert not page.foreign


def test_the_organisers_picker_keeps_every_chosen_organiser_ticked(cast):
    from unionhome.activities.forms import ActivityForm

    chosen = [cast.workers["member"].pk, cast.workers["committee"].pk]
    html = str(ActivityForm(initial={"organisers": chosen}, union=cast.union)["organisers"])
    assert html.count('type="checkbox"') == 2 and html.count("checked") == 2
    assert "张三" in html and "王五" in html
