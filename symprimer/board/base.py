"""The board form: an exact value in a number domain, and a SymPy form built only when shown."""
from __future__ import annotations

from typing import Any

from symprimer.board.arithmetic import rows_equal, same


def _restore(shown: Any) -> Any:
    return shown


class Board:
    """A form on the board: an exact ``value`` in ``domain`` and a lazily built ``shown`` form."""

    domain: Any
    # A form with no plain value (M^-1, a product of matrices) decides equality with it itself.
    decides_equality = False

    @property
    def value(self) -> Any:
        # A plain dict cache: functools.cached_property takes a lock on every access (3.11).
        cache = self.__dict__
        if "_value" not in cache:
            cache["_value"] = self._value()
        return cache["_value"]

    @property
    def shown(self) -> Any:
        cache = self.__dict__
        if "_shown" not in cache:
            cache["_shown"] = self._shown()
        return cache["_shown"]

    def _value(self) -> Any:
        raise NotImplementedError

    def _shown(self) -> Any:
        raise NotImplementedError

    def equals(self, other: "Board") -> bool:
        """Exact equality of the two values (subclasses with no plain value override this)."""
        if other.decides_equality:
            return other.equals(self)
        if self.domain.is_FractionField:
            mine, theirs = self.value, other.value
            if isinstance(mine, tuple):
                return rows_equal(self.domain, mine, theirs)
            return same(self.domain, mine, theirs)
        return self.value == other.value

    def __reduce__(self) -> tuple:
        # Crossing a process boundary (the budget's child) a board travels as what it shows:
        # some polynomial rings do not pickle, and the receiving side only renders.
        return _restore, (self.shown,)
