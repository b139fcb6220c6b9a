"""Named test surfaces for ``--function "<Name>"``: the classic optimiser comparison pictures.

Each is written in plain text and read by symprimer's own safe parser like any user input.
"""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from symprimer.core.errors import InputError


@dataclass(frozen=True)
class Surface:
    name: str
    formula: str
    variables: tuple[str, ...]
    start: tuple[float, ...]
    minimum: tuple[float, ...]
    window: tuple[tuple[float, float], tuple[float, float]]
    log_levels: bool = True


SURFACES = MappingProxyType(
    {
        "beale": Surface(
            "Beale",
            "(3/2 - x + x*y)**2 + (9/4 - x + x*y**2)**2 + (21/8 - x + x*y**3)**2",
            ("x", "y"), (1.0, 1.5), (3.0, 0.5), ((-4.5, 4.5), (-4.5, 4.5)),
        ),
        "rosenbrock": Surface(
            "Rosenbrock", "(1 - x)**2 + 100*(y - x**2)**2", ("x", "y"), (-1.5, 2.0), (1.0, 1.0), ((-2.0, 2.0), (-1.0, 3.0))
        ),
        "bowl": Surface("Bowl", "x**2 + 10*y**2", ("x", "y"), (-4.0, 2.0), (0.0, 0.0), ((-5.0, 5.0), (-3.0, 3.0)), False),
        "quadratic": Surface(
            "Quadratic", "x**2 + 10*y**2", ("x", "y"), (-4.0, 2.0), (0.0, 0.0), ((-5.0, 5.0), (-3.0, 3.0)), False
        ),
        "himmelblau": Surface(
            "Himmelblau", "(x**2 + y - 11)**2 + (x + y**2 - 7)**2", ("x", "y"), (0.0, 0.0), (3.0, 2.0), ((-5.0, 5.0), (-5.0, 5.0))
        ),
    }
)


def named_surface(text: str) -> Surface | None:
    """The surface for ``<Name>`` (any case), None for ordinary formulas, an error for unknown names."""
    stripped = text.strip()
    if not (stripped.startswith("<") and stripped.endswith(">")):
        return None
    key = stripped[1:-1].strip().lower()
    if key not in SURFACES:
        known = ", ".join(f"<{s.name}>" for s in dict.fromkeys(SURFACES.values()))
        raise InputError(f"the function {stripped} is not a named surface; the named surfaces are {known}.")
    return SURFACES[key]
