from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhome.core.panels import MineItem, MineSection, mine_source
from unionhome.notifications.queries import inbox_of, unread_count


@mine_source
def my_messages(ctx, worker):
    rows = inbox_of(ctx.user).filter(union=ctx.union)[:5]
    items = [MineItem(timezone.localtime(n.created_at).date(), n.title, url=reverse("notifications:open", args=[n.pk]),
                      note="" if n.read_at else _("未读")) for n in rows]
    unread = unread_count(ctx.user)
    return [MineSection("messages", _("消息"), items, order=5, url=reverse("notifications:inbox"),
                        empty=_("没有消息"), note=_("未读 %(n)s 条") % {"n": unread} if unread else "")]
