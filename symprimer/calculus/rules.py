"""Rule names of the differentiation derivations (see symprimer.rules)."""
from types import MappingProxyType

CALCULUS_RULES = MappingProxyType(
    {
    }
)
