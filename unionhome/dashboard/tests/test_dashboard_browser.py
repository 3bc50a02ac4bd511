import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_chair_sees_membership_figures_on_a_phone_and_nothing_leaves_the_server(cast, login_as):
    page = login_as("t_chair")
    assert page.locator("#fig-active").inner_text() == "11"
    assert "入会率" in page.content()
    assert page.foreign == []


def test_federation_viewer_sees_only_aggregates(cast, login_as):
    page = login_as("t_federation")
    assert page.locator("#fed-rate").is_visible()
    assert "张三" not in page.content()
    page.goto("/members/")
    assert "403" in page.content()


def test_the_chair_reads_what_each_figure_counts_on_a_phone(cast, login_as):
    import datetime as dt

    from unionhome.members.services import membership_retire

    membership_retire(actor=None, worker=cast.workers["finance"], on=dt.date(2026, 1, 1))  # a woman retires
    page = login_as("t_chair")
    assert page.locator("#fig-active").inner_text() == "10"
    assert "不含保留会籍" in page.locator("#fig-active").locator("..").inner_text()
    women = int(page.locator("#fig-women").inner_text())
    assert "其中保留会籍 1 人" in page.locator("#fig-women-retained").inner_text()
    assert "会员合计 11 人" in page.locator("#fig-members").inner_text()
    for table in ("#by-gender", "#by-age", "#by-ethnicity"):
        assert sum(int(n) for n in page.locator(f"{table} td.n").all_inner_texts()) == 11, table
    assert page.locator("#by-gender tr[data-key=F] td.n").inner_text() == str(women)
    assert page.foreign == []


def test_the_federation_header_counts_the_rows_below_it(cast, login_as):
    from unionhome.org.services import union_create

    union_create(actor=None, name="新建工会", code="T-NEW", parent=cast.federation)
    page = login_as("t_federation")
    rows = page.locator("#fed-unions tbody tr").count()
    assert rows == 3 and f"（{rows}个基层工会）" in page.locator("#fed-head").inner_text()
    assert "新建工会" in page.locator("#fed-unions").inner_text()
