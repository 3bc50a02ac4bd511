from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhome.core.panels import Alert, warnings_source
from unionhome.disclosures import queries


@warnings_source
def disclosure_warnings(ctx):
    """Items past their review date (``disclosures.review_months``), rectifications past their deadline, and a
    scheduled inspection due (``disclosures.inspection_months``)."""
    if ctx.union is None or not ctx.has("disclosures.manage"):
        return []
    today, alerts = timezone.localdate(), []
    n = queries.review_overdue(ctx.union, today).count()
    if n:
        alerts.append(Alert("warning", "disclosures_review_overdue", _("%(n)s 个公开事项已过复核日期") % {"n": n},
                            reverse("disclosures:list")))
    n = queries.rectifications_overdue(ctx.union, today).count()
    if n:
        alerts.append(Alert("danger", "disclosures_rectification_overdue", _("%(n)s 项公开整改已逾期") % {"n": n},
                            reverse("disclosures:inspections")))
    due = queries.inspection_due(ctx.union, today)
    if due is not None and due < today:
        alerts.append(Alert("info", "disclosures_inspection_due",
                            _("应于 %(d)s 前进行的公开定期检查尚未进行") % {"d": f"{due:%Y-%m-%d}"},
                            reverse("disclosures:inspections")))
    return alerts
