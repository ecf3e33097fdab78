"""Values worked out once per object of a run, found again by the object's identity.

Rules, and the findings of rules a report does not mention, are the same objects report after
report; what is derived from them (a finding's fixed texts, its JSON text, its stripped copy)
is kept here instead of being worked out for every report. Each entry holds its object, so the
identity cannot be reused by another object while the entry lives; a full table is cleared, so
a batch's memory stays bounded.
"""
from __future__ import annotations

from typing import Any, Callable, Hashable


class IdentityMemo:
    def __init__(self, limit: int):
        self.limit = limit
        self._table: dict = {}

    def get(self, owner: Any, key: Hashable, make: Callable[[], Any]) -> Any:
        """The value for ``owner`` (by identity) and ``key``; ``make()`` the first time."""
        entry = self._table.get((id(owner), key))
        if entry is not None and entry[0] is owner:
            return entry[1]
        value = make()
        if len(self._table) >= self.limit:
            self._table.clear()
        self._table[(id(owner), key)] = (owner, value)
        return value

    def clear(self) -> None:
        self._table.clear()
