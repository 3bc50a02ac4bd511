"""Hooks: how a lower layer tells the layers above it that something happened, without importing them.

A layer declares a ``Hook`` in its own ``hooks.py`` and fires it in the service that does the change; a higher
layer connects a receiver at start-up, explicitly (``AppConfig.ready``). Unlike a Django signal on ``save()``,
a hook fires only from the named service, inside its transaction: the receiver's writes commit or roll back
with the change that caused them, and the whole list of receivers is visible in one place per app
(``accounts/receivers.py``). A receiver calls a service of its own app; it holds no rule itself.
"""
from __future__ import annotations

from collections.abc import Callable


class Hook:
    def __init__(self, name: str, doc: str = ""):
        self.name = name
        self.__doc__ = doc
        self._receivers: list[Callable] = []

    def connect(self, receiver: Callable) -> Callable:
        """Add ``receiver`` (once; connecting again is harmless, as ``ready`` may run twice in tests)."""
        if receiver not in self._receivers:
            self._receivers.append(receiver)
        return receiver

    def fire(self, **kwargs) -> None:
        for receiver in self._receivers:
            receiver(**kwargs)

    def __repr__(self) -> str:
        return f"<Hook {self.name}>"
