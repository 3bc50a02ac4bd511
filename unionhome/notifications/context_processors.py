from django.utils.functional import cached_property

from unionhome.notifications.queries import unread_count


class _Inbox:
    """The navigation's unread count: one COUNT query, only on a page that shows it."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def unread(self) -> int:
        return unread_count(self.user) if self.user is not None and self.user.is_authenticated else 0


def inbox(request):
    return {"inbox": _Inbox(getattr(request, "user", None))}
