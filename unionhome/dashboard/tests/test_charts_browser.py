import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_chair_sees_charts_with_their_tables_and_a_figure_lists_its_records(cast, login_as):
    page = login_as("t_chair")
    chart = page.locator("#members_by_gender svg.chart")
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 20  # drawn, not a broken image
    assert page.locator("#members_by_gender svg.chart rect").count() >= 2
    assert page.locator("#members_by_gender svg.chart title").text_content() == "会员（按性别）"
    women = page.locator("#members_by_gender table.chart-table tbody tr", has_text="女")
    count = int(women.locator("td").first.inner_text())
    # the PNG for documents loads as an image
    png = page.locator("#members_by_gender a[download]").get_attribute("href")
    assert page.evaluate("""async (url) => { const r = await fetch(url); const b = await r.blob();
        const img = await createImageBitmap(b); return [r.status, r.headers.get('content-type'), img.width]; }""",
                         png) == [200, "image/png", 1120]
    women.locator("a").click()
    page.wait_for_url("**/figures/members.by_gender/**")
    assert page.locator("#record-count").inner_text() == f"共 {count} 条记录"
    assert page.locator("#figure-records tbody tr").count() == count
    page.locator("nav a", has_text="年度数据").click()
    assert page.locator("#figure-index tr[data-key='members.rate']").is_visible()
    assert page.foreign == []
