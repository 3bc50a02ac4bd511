"""What accounts does when a lower layer tells of a change (``core.hooks``), connected in ``AccountsConfig.ready``.

Members and committees (which holds the offices: positions and group leaders) sit below accounts and may not import it; their services fire hooks inside their own
transaction, so a login is disabled, or a role ends, in the same commit as the change of membership or office.
"""
from __future__ import annotations


def _membership_ended(*, actor, worker, membership) -> None:
    from unionhome.accounts.services_activation import account_follow_membership_end

    account_follow_membership_end(actor=actor, worker=worker)


def _membership_resumed(*, actor, worker, membership) -> None:
    from unionhome.accounts.services_activation import account_follow_membership_resumed

    account_follow_membership_resumed(actor=actor, worker=worker)


def _join_admitted(*, actor, application, worker) -> None:
    from unionhome.accounts.services_activation import account_open_on_admission

    account_open_on_admission(actor=actor, worker=worker)


def _offices_changed(*, actor, union, workers) -> None:
    from unionhome.accounts.services_roles import roles_sync

    roles_sync(actor=actor, union=union, workers=workers)


def connect() -> None:
    from unionhome.committees.hooks import offices_changed
    from unionhome.members.hooks import join_admitted, membership_ended, membership_resumed

    membership_ended.connect(_membership_ended)
    membership_resumed.connect(_membership_resumed)
    join_admitted.connect(_join_admitted)
    offices_changed.connect(_offices_changed)

