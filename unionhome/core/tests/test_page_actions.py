"""The one page-action helper family in ``core.views``: what each case answers."""
from django import forms
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import RequestFactory

from unionhome.core.errors import Conflict, RuleViolation
from unionhome.core.views import attempt, button_action, form_action


def _request(*, htmx=False, data=None):
    request = RequestFactory().post("/x/", data or {}, **({"HTTP_HX_REQUEST": "true"} if htmx else {}))
    request.htmx = htmx
    request._messages = CookieStorage(request)
    return request


def _said(request):
    return [(m.level, m.message) for m in request._messages._queued_messages]


def _refuse():
    raise Conflict("full", "名额已满")


class AmountForm(forms.Form):
    amount = forms.IntegerField(label="金额")


def test_success_says_ok_from_the_return_value_and_redirects():
    request = _request()
    response = button_action(request, lambda: 3, ok=lambda n: f"已加入 {n} 户", to="/back/")
    assert (response.status_code, response["Location"]) == (302, "/back/")
    assert _said(request) == [(messages.SUCCESS, "已加入 3 户")]


def test_a_domain_error_becomes_the_error_message_and_the_page_still_goes_on():
    request = _request()
    response = button_action(request, _refuse, ok="不会显示", to="/back/")
    assert response.status_code == 302 and _said(request) == [(messages.ERROR, "名额已满")]


def test_ok_may_be_several_messages_of_any_level():
    request = _request()
    button_action(request, lambda: None, ok=["已记账", (messages.WARNING, "结余为负")], to="/back/")
    assert _said(request) == [(messages.SUCCESS, "已记账"), (messages.WARNING, "结余为负")]


def test_to_may_be_a_whole_response_built_from_the_return_value():
    response = button_action(_request(), lambda: "codes", to=lambda value: HttpResponse(value))
    assert response.content == b"codes"


def test_htmx_gets_the_fragment_with_the_error_or_an_hx_redirect():
    fragment = button_action(_request(htmx=True), _refuse, to="/back/", fragment=lambda error: HttpResponse(error))
    assert fragment.content.decode() == "名额已满"
    plain = button_action(_request(htmx=True), lambda: None, ok="好", to="/back/")
    assert plain.status_code == 204 and plain["HX-Redirect"] == "/back/"


def test_bad_input_is_one_message_and_goes_to_invalid_to():
    request = _request(data={"amount": "x"})
    response = form_action(request, AmountForm(request.POST), lambda d: None, to=lambda d: "/ok/",
                           invalid_to="/form/")
    said = _said(request)
    assert response["Location"] == "/form/" and len(said) == 1 and said[0][0] == messages.ERROR


def test_attempt_puts_the_error_on_its_field_or_the_given_one():
    form = AmountForm({"amount": "1"})
    assert form.is_valid()

    def refuse():
        raise RuleViolation("cap", "超过限额", field="amount")
    outcome = attempt(refuse, form=form)
    assert not outcome and outcome.error.code == "cap" and form.errors["amount"] == ["超过限额"]
    other = AmountForm({"amount": "1"})
    other.is_valid()
    attempt(_refuse, form=other, field="amount")
    assert other.errors["amount"] == ["名额已满"]
    assert attempt(lambda: 5).value == 5
