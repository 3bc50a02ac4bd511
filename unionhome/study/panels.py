from django.urls import reverse
from django.utils.translation import gettext as _

from unionhome.core.panels import Alert, MineItem, MineSection, mine_source, warnings_source
from unionhome.core.rules import rule_value


@warnings_source
def quiet_groups(ctx):
    """A group with no study session recorded within study.no_session_warning_days (default two weeks)."""
    if ctx.union is None or "study.record" not in ctx.perms:
        return []
    from unionhome.study.queries import groups_without_session

    days = int(rule_value("study.no_session_warning_days", union=ctx.union))
    quiet = groups_without_session(ctx.union, days=days)
    if "study.manage" not in ctx.perms:
        quiet = [q for q in quiet if q.group.pk in ctx.group_ids]
    return [Alert("warning", "study_quiet_group",
                  _("%(group)s 已 %(days)s 天没有记录小组学习") % {"group": q.group, "days": days}
                  if q.last else _("%(group)s 今年还没有记录小组学习") % {"group": q.group},
                  reverse("study:home")) for q in quiet]


@mine_source
def my_study(ctx, worker):
    from django.utils import timezone

    from unionhome.study.queries import rates_of_member, training_of

    year = timezone.localdate().year
    r = rates_of_member(worker, year)
    items = [MineItem(None, _("今年小组学习：出席 %(present)s 次 / 记录 %(marked)s 次，心得体会通过 %(accepted)s 篇")
                      % {"present": r["present"], "marked": r["marked"], "accepted": r["accepted"]},
                      url=reverse("study:home"))]
    items += [MineItem(t.training.starts_on, t.training.course, note=_("%(h)s 学时") % {"h": t.hours})
              for t in training_of(worker)[:10]]
    return [MineSection("study", _("学习与培训"), items, order=45, url=reverse("study:home"))]
