"""Log in with the mobile number or the card number of one's membership, besides the username."""
from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from unionhome.accounts.queries_activation import login_users


class MemberLoginBackend(ModelBackend):
    """After the username backend: the typed name is a mobile number or card number of a member whose
    membership has not ended and whose login is active. A mobile shared by two members (or a card number
    used in two unions) names nobody: the login page asks for the card number or username instead
    (``request.login_ambiguous``, set only when the password fits one of them, so it tells a stranger nothing)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None:
            return None
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            return None  # a username: ModelBackend decided
        users = [u for u in login_users(username) if self.user_can_authenticate(u)]
        if len(users) == 1:
            return users[0] if users[0].check_password(password) else None
        if len(users) > 1:
            if request is not None and any(u.check_password(password) for u in users):
                request.login_ambiguous = True
            return None
        User().set_password(password)  # as long as a real check (ModelBackend does the same)
        return None
