"""The sections are data: every figure key a section lists is registered, every area the platform records has a
section, a key nobody registered is shown as missing."""
import pytest

from unionhome.core import figures as registry
from unionhome.reports import queries
from unionhome.reports.models import Kind
from unionhome.reports.sections import ChartSpec, Section, sections


@pytest.mark.parametrize("kind", Kind.values)
def test_every_listed_figure_key_is_registered(kind):
    listed = [(s.key, k) for s in sections(kind) for k in s.figures + tuple(c.figure for c in s.charts)]
    assert listed
    assert [(s, k) for s, k in listed if registry.get(k) is None] == []


@pytest.mark.parametrize("kind", Kind.values)
def test_every_placeholder_in_a_starting_text_is_registered(kind):
    assert queries.unknown_placeholders({s.key: s.default_text(kind) for s in sections(kind)}) == []


def test_every_area_has_its_section():
    assert [s.key for s in sections(Kind.ANNUAL)] == [
        "organisation", "democracy", "care", "culture", "study", "evaluation", "funds", "plan", "next_year"]
    assert len(sections(Kind.DEEDS)) < len(sections(Kind.ANNUAL))


def test_every_area_that_records_prints_its_figures():
    """Democratic management, study and the evaluation list their areas' figures: the year's meetings, suggestions,
    disclosures, study sessions and honours are in the report's tables even where the narrative cites none."""
    listed = {s.key: s.figures for s in sections(Kind.ANNUAL)}
    assert {"meetings.held", "suggestions.submitted", "disclosures.published"} <= set(listed["democracy"])
    assert {"study.sessions", "study.officers_trained"} <= set(listed["study"])
    assert {"awards.honours"} <= set(listed["evaluation"])
    assert [k for k, figures in listed.items() if not figures] == ["plan", "next_year"]


def test_a_key_nobody_registered_shows_as_missing():
    s = Section("x", "x", figures=("care.visits", "nobody.registered"), charts=(ChartSpec("also.missing"),))
    assert s.missing() == ["nobody.registered", "also.missing"]
    view = queries.section_views(Kind.ANNUAL, {}, None)[0]
    assert all(not f["missing"] for f in view.figures)


def test_a_placeholder_reads_the_figure_and_marks_a_change():
    figures = {"care.visits": {"shown": "3人次"}}
    assert queries.fill("慰问{{ care.visits }}。", figures) == [("text", "慰问"), ("figure", "3人次"), ("text", "。")]
    assert queries.fill("{{care.visits}}", figures, {"care.visits": "2人次"}) == [("changed", "3人次")]
    assert queries.fill("{{ a.b }}", figures)[0][0] == "missing"


def test_a_reader_of_the_draft_gets_its_sections_without_a_form_they_may_not_post(cast, client_for):
    from django.urls import reverse
    from django.utils import timezone

    url = reverse("reports:draft", kwargs={"year": timezone.localdate().year, "kind": "annual"})
    reader = client_for(cast.users["committee"]).get(url).content.decode()
    assert 'id="narrative"' in reader and 'method="post" id="narrative"' not in reader
    editor = client_for(cast.users["chair"]).get(url).content.decode()
    assert 'method="post" id="narrative"' in editor
