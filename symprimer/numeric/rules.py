"""Rule names of the numeric derivations (see symprimer.rules)."""
from types import MappingProxyType

NUMERIC_RULES = MappingProxyType(
    {
    }
)
