"""Dates in inputs are ISO (YYYY-MM-DD, months YYYY-MM) in every language: a date input refuses 2026/11/30
and shows blank, which is what the funds pages did in Chinese."""
from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

INPUT = re.compile(r"<input[^>]*>")


def _inputs(html: str, kind: str) -> list[str]:
    """The value of every ``<input type=kind>`` of the page."""
    values = []
    for tag in INPUT.findall(html):
        if re.search(rf'type="{kind}"', tag):
            found = re.search(r'value="([^"]*)"', tag)
            values.append(found.group(1) if found else "")
    return values


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("page", ["funds:entry_new", "funds:payout_new", "funds:dues"])
def test_funds_date_inputs_show_their_value_in_iso(cast, client_for, language, page):
    client = client_for(cast.users["finance"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(reverse(page)).content.decode()
    dates = [v for v in _inputs(html, "date") if v]
    months = [v for v in _inputs(html, "month") if v]
    assert dates or months, "the page has a dated input with a value"
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) for v in dates), dates
    assert all(re.fullmatch(r"\d{4}-\d{2}", v) for v in months), months


def test_a_month_input_of_the_shared_form_mixin_keeps_its_type_and_writes_yyyy_mm():
    import datetime as dt

    from django import forms

    from unionhome.core.forms import BootstrapFormMixin, MonthInput

    class Form(BootstrapFormMixin, forms.Form):
        month = forms.DateField(widget=MonthInput(), input_formats=["%Y-%m"])
        legacy = forms.DateField(widget=forms.DateInput(attrs={"type": "month"}), input_formats=["%Y-%m"])
        day = forms.DateField(widget=forms.DateInput())

    day = dt.date(2026, 11, 30)
    html = str(Form(initial={"month": day, "legacy": day, "day": day}))
    assert _inputs(html, "month") == ["2026-11", "2026-11"]
    assert _inputs(html, "date") == ["2026-11-30"]


@pytest.mark.browser
def test_the_bookkeeper_sees_today_in_the_new_entry_date(cast, login_as):
    page = login_as("t_finance")
    page.goto(reverse("funds:entry_new"))
    assert page.input_value("input[name=on]") == timezone.localdate().isoformat()
