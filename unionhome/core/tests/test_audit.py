import datetime as dt
from unittest import mock

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from unionhome.core.audit import audit_log
from unionhome.core.models import AuditEntry
from unionhome.org.models import Unit
from unionhome.org.services import unit_create, unit_update

pytestmark = pytest.mark.django_db


def test_the_database_refuses_to_update_an_audit_row(cast):
    entry = AuditEntry.objects.filter(union=cast.union).first()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(note="改过")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET action = 'x' WHERE id = %s", [entry.pk])
    entry.refresh_from_db()
    assert entry.note == ""


def test_the_database_refuses_to_delete_an_audit_row(cast):
    count = AuditEntry.objects.count()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(union=cast.union).delete()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry")
    assert AuditEntry.objects.count() == count


def test_a_rolled_back_write_leaves_no_audit_row(cast):
    with pytest.raises(RuntimeError), transaction.atomic():
        unit_create(actor=cast.users["chair"], union=cast.union, name="回滚单位")
        assert AuditEntry.objects.filter(target_label="回滚单位").exists()
        raise RuntimeError("crash after the write")
    assert not Unit.objects.filter(name="回滚单位").exists()
    assert not AuditEntry.objects.filter(target_label="回滚单位").exists()


def _entry_at(when, **kw):
    with mock.patch("django.utils.timezone.now", return_value=when):
        return audit_log(**kw)


def test_the_audit_page_filters_by_action_actor_date_range_and_target(cast, client_for):
    chair, admin = cast.users["chair"], cast.users["admin"]
    tz = timezone.get_current_timezone()
    _entry_at(dt.datetime(2026, 3, 1, 10, tzinfo=tz), actor=chair, action="care.visit.recorded", union=cast.union,
              target_label="慰问甲")
    _entry_at(dt.datetime(2026, 3, 5, 23, 30, tzinfo=tz), actor=admin, action="care.visit.recorded",
              union=cast.union, target_label="慰问乙")
    _entry_at(dt.datetime(2026, 3, 9, 9, tzinfo=tz), actor=chair, action="funds.voucher.posted", union=cast.union,
              target_label="凭证丙")
    _entry_at(dt.datetime(2026, 3, 9, 9, tzinfo=tz), actor=None, action="care.visit.recorded",
              union=cast.other_union, target_label="另一工会的慰问")
    client = client_for(chair)

    def labels(**query):
        body = client.get(reverse("audit:list"), query).content.decode()
        return [t for t in ("慰问甲", "慰问乙", "凭证丙", "另一工会的慰问") if t in body]

    assert labels(action="care.") == ["慰问甲", "慰问乙"]
    assert labels(actor="t_admin") == ["慰问乙"]
    assert labels(start="2026-03-05", end="2026-03-09") == ["慰问乙", "凭证丙"]
    assert labels(start="2026-03-02", end="2026-03-05") == ["慰问乙"]  # 23:30 local is still 5 March
    assert labels(target="丙") == ["凭证丙"]
    assert labels(action="care.", start="not-a-date") == ["慰问甲", "慰问乙"]  # a bad date is ignored, never a 500


def test_reveals_are_audited_and_the_auditor_can_browse_them(cast, client_for):
    worker = cast.workers["group1_worker"]
    response = client_for(cast.users["chair"]).post(reverse("members:reveal", args=[worker.pk, "id_number"]))
    assert worker.id_number in response.content.decode()
    body = client_for(cast.users["auditor"]).get(reverse("audit:list"), {"action": "members.worker.revealed"})
    # the note names the field as a chair reads it
    assert "冯二" in body.content.decode() and "身份证号" in body.content.decode()


def _rows(body: str) -> str:
    """The table body of the trail, without the filter form (whose options carry the codes as values)."""
    return body.split('id="audit-rows"', 1)[1]


def test_the_trail_reads_in_chinese_with_names_and_a_before_after_table(cast, client_for):
    chair = cast.users["chair"]
    unit_update(actor=chair, unit=cast.units[0], name="综合办公室")
    body = client_for(chair).get(reverse("audit:list"), {"action": "org.unit.updated"}).content.decode()
    rows = _rows(body)
    assert "修改单位" in rows and "<code>org.unit.updated</code>" not in rows
    assert "吴十" in rows  # the chair's name, not only the login
    table = rows.split('class="table table-sm table-bordered mb-0 audit-changes"', 1)[1].split("</table>", 1)[0]
    assert "单位名称" in table and "办公室" in table and "综合办公室" in table
    assert "{" not in table and "'name'" not in table  # no Python dicts


def test_the_action_and_the_actor_are_chosen_from_lists(cast, client_for):
    chair = cast.users["chair"]
    unit_create(actor=cast.users["admin"], union=cast.union, name="新单位")
    body = client_for(chair).get(reverse("audit:list")).content.decode()
    form = body.split('id="audit-filters"', 1)[1].split("</form>", 1)[0]
    assert '<select name="action"' in form and '<option value="org.unit.created">新建单位</option>' in form
    assert '<option value="care.">全部（关爱帮扶）</option>' in form
    assert '<select name="actor"' in form and '<option value="t_admin">郑一（t_admin）</option>' in form
    rows = _rows(client_for(chair).get(reverse("audit:list"), {"action": "org.unit.created",
                                                               "actor": "t_admin"}).content.decode())
    assert "新单位" in rows


def test_the_trail_page_costs_the_same_queries_whatever_the_rows(cast, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(cast.users["chair"])
    client.get(reverse("audit:list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("audit:list"))
    for i in range(10):
        unit_create(actor=cast.users["admin"], union=cast.union, name=f"单位{i}")
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("audit:list"))
    assert len(many.captured_queries) == len(few.captured_queries)
