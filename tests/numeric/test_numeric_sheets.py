"""What sheets include: iterate tables and update equations (golden snapshots, compiled by TeX)."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import assert_matches_golden, compile_fragment
from symprimer.numeric.api import descend_function
from symprimer.numeric.sheets import format_number, iterate_table_latex, optimizer_block_latex

GOLDEN = Path(__file__).parent / "golden"


def _sheet_fragment() -> str:
    sgd = descend_function("x**2 + 10*y**2", "x=1,y=1", ["sgd"], [0.05], 4)
    adam = descend_function("<Rosenbrock>", None, ["adam"], [0.1], 3, convention="textbook")
    parts = []
    for descent in (sgd, adam):
        run = descent.runs[0]
        parts.append(optimizer_block_latex(run.optimizer))
        parts.append(iterate_table_latex(run, k=4, gradient=descent.problem.compiled.gradient))
    return "\n".join(parts)


def test_iterate_table_and_equations_match_golden():
    assert_matches_golden(GOLDEN / "iterates.tex", _sheet_fragment())


def test_iterate_table_holds_the_run_values():
    descent = descend_function("x**2 + 10*y**2", "x=1,y=1", ["sgd"], [0.05], 10)
    run = descent.runs[0]
    table = iterate_table_latex(run, k=3)
    rows = [line for line in table.splitlines() if line[:1].isdigit()]
    assert len(rows) == 3
    # x_1 = 1 - 0.05 * 2 = 0.9, y_1 = 1 - 0.05 * 20 = 0, f(x_1) = 0.81
    assert rows[1].startswith("1 & $0.9$ & $0$ & $0.81$")
    assert format_number(run.losses[2]) in rows[2]


@pytest.mark.parametrize(
    "value, text", [(0.5, "0.5"), (-1.25, "-1.25"), (1e-7, r"1 \cdot 10^{-7}"), (123456.0, r"1.235 \cdot 10^{5}"), (float("nan"), r"\text{NaN}")]
)
def test_format_number(value, text):
    assert format_number(value) == text


def test_fragment_compiles_with_tex(tmp_path, require_tex):
    compile_fragment(tmp_path, "iterates", _sheet_fragment())
