"""Detail levels: brief, standard and full are views of one verified tree.

Folding hides steps and never skips a check: at every level ``verified`` covers every node of the
whole tree, every step a view shows is a node of that tree, and the levels nest.
"""
from __future__ import annotations

import json

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import assert_fully_verified
from symprimer.api import derive
from symprimer.cli import main
from symprimer.core.errors import InputError
from symprimer.core.levels import DETAIL_LEVELS
from symprimer.core.steps import Derivation, Step
from symprimer.render.views import REPEAT_PREFIX, is_mental_arithmetic, shown_steps, view

CASES = [
    ("inverse", ("[[a,b],[c,d]]",), {}),
    ("inverse", ("[[1,-1,1],[1,0,1],[2,-2,3]]",), {}),
    ("det", ("[[2,3,2],[3,3,4],[1,0,3]]",), {"along": "row1"}),
    ("cofactors", ("[[a,b,c],[x,y,z],[m,l,p]]",), {}),
    ("transpose", ("[[3,6,2],[-2,3,2],[0,6,-2]]",), {}),
    ("laws", ("[[-1,1],[-2,3]]", "[[1,-2],[2,-3]]"), {}),
    ("diff", ("(x-3)**2",), {}),
    ("diff", ("Abs(x)",), {"at": "0"}),
    ("grad", ("log(1 + exp(-y*(w1*x1 + w2*x2 + b)))",), {"wrt": "w1,w2,b"}),
    ("hessian", ("x**2*y + y**3",), {}),
    ("activation", ("elu",), {}),
    ("activation", ("leaky_relu",), {}),
    ("loss", ("bce",), {"through": "sigmoid"}),
    ("loss", ("cce",), {"through": "softmax"}),
]


def _key(step: Step) -> tuple:
    return step.rule, sp.srepr(step.before), sp.srepr(step.after), step.relation


def _shown_count(derivation: Derivation) -> int:
    return sum(1 for _ in shown_steps(derivation))


@pytest.mark.parametrize("kind, inputs, options", CASES, ids=[f"{c[0]}-{c[1][0][:16]}" for c in CASES])
def test_every_level_is_a_view_of_one_verified_tree(kind, inputs, options):
    tree = derive(kind, *inputs, **options)
    assert_fully_verified(tree)
    whole = [_key(step) for step in tree.walk()]
    counts = []
    for level in DETAIL_LEVELS:
        shown = derive(kind, *inputs, detail=level, **options)
        assert shown.level == level and shown.verified
        assert [_key(step) for step in shown.walk()] == whole  # the checks cover the whole tree
        claims = {key for key in whole}
        for step in shown_steps(shown):  # what a view prints is a claim of the tree, or its sentence
            if step.before is not None or step.after is not None:
                assert _key(step) in claims
        counts.append(_shown_count(shown))
    assert counts[0] <= counts[1] <= counts[2] == len(whole)


def test_a_failing_step_folded_out_of_sight_still_fails_the_view():
    wrong = Step("evaluate", "A deliberate slip.", sp.Integer(2), sp.Integer(3))
    inner = Step("evaluate", "Inner.", sp.Integer(1) + sp.Integer(1), sp.Integer(2), substeps=(wrong,))
    outer = Step("evaluate", "Outer.", sp.Symbol("x") + sp.Integer(2), sp.Symbol("x") + 2, substeps=(inner,))
    tree = Derivation(kind="diff", question="?", given=(), steps=(outer,), result=sp.Integer(0))
    for level in DETAIL_LEVELS:
        shown = view(tree, level)
        assert not shown.verified and wrong in shown.failures()
    assert not any(step is wrong for step in shown_steps(view(tree, "standard")))


def test_the_two_by_two_inverse_takes_at_most_six_steps_on_the_board_and_more_in_full():
    standard = derive("inverse", "[[a,b],[c,d]]", detail="standard")
    full = derive("inverse", "[[a,b],[c,d]]", detail="full")
    assert _shown_count(standard) <= 6 < _shown_count(full)
    rules = [step.rule for step in shown_steps(standard)]
    assert "adjugate_2x2" in rules  # the shortcut, named: swap the diagonal, negate the others
    assert "det_1x1" not in rules  # no |d| = d "a 1x1 determinant" inside a 2x2 inverse
    shortcut = next(step for step in standard.steps if step.rule == "adjugate_2x2")
    a, b, c, d = sp.symbols("a b c d")
    assert sp.Matrix(shortcut.after) == sp.Matrix([[d, -b], [-c, a]])
    assert "det_1x1" in [step.rule for step in full.walk()]


def test_each_minor_is_computed_once_at_standard():
    inverse = derive("inverse", "[[1,-1,1],[1,0,1],[2,-2,3]]", detail="standard")
    shown = list(shown_steps(inverse))
    assert not [step for step in shown if step.rule in ("cofactor", "det_2x2") and step is not None
                and any(sub.rule == "det_2x2" for sub in step.substeps)]
    cofactors = derive("cofactors", "[[a,b,c],[x,y,z],[m,l,p]]", detail="standard")
    lines = [step for step in cofactors.steps if step.rule == "cofactor"]
    assert len(lines) == 9 and not any(step.substeps for step in lines)  # the minor in the C_ij line only
    full = derive("cofactors", "[[a,b,c],[x,y,z],[m,l,p]]", detail="full")
    assert all(step.substeps[0].rule == "det_2x2" for step in full.steps if step.rule == "cofactor")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.integers(-5, 5), min_size=3, max_size=3), min_size=3, max_size=3))
def test_no_mental_arithmetic_is_written_out_on_the_board(rows):
    literal = "[" + ",".join("[" + ",".join(map(str, row)) + "]" for row in rows) + "]"
    for kind in ("det", "transpose"):
        standard = derive(kind, literal, detail="standard")
        assert standard.verified
        for step in shown_steps(standard):
            if step in standard.steps:  # a numbered line keeps its sentence, never a bare "3 = 3"
                assert not (is_mental_arithmetic(step) and step.before == step.after)
            else:
                assert not is_mental_arithmetic(step)


def test_the_square_sentence_keeps_its_words_without_three_equals_three():
    standard = derive("transpose", "[[1,2,3],[4,5,6],[7,8,10]]", detail="standard")
    square = next(step for step in standard.steps if step.param("property") == "square")
    assert square.before is None and square.after is None and "square" in square.text
    full = derive("transpose", "[[1,2,3],[4,5,6],[7,8,10]]", detail="full")
    assert next(step for step in full.steps if step.param("property") == "square").before == 3


def test_a_repeated_sub_derivation_is_shown_once_then_referred_to():
    standard = derive("grad", "log(1 + exp(-y*(w1*x1 + w2*x2 + b)))", wrt="w1,w2,b", detail="standard")
    partials = [step for step in standard.steps if step.rule == "partial_derivative"]
    assert len(partials) == 3
    assert partials[0].substeps and not partials[0].text.startswith(REPEAT_PREFIX)
    for later in partials[1:]:
        assert not later.substeps and later.text.startswith(REPEAT_PREFIX) and later.working


def test_differentiating_a_square_stays_short_at_standard():
    standard = derive("diff", "(x-3)**2", detail="standard")
    full = derive("diff", "(x-3)**2", detail="full")
    assert _shown_count(standard) <= 4 <= _shown_count(full)
    (x,) = full.result.free_symbols
    assert standard.result == full.result and sp.expand(full.result - sp.diff((x - 3) ** 2, x)) == 0


def test_brief_keeps_the_numbered_lines_only():
    brief = derive("inverse", "[[1,-1,1],[1,0,1],[2,-2,3]]", detail="brief")
    assert brief.steps and all(not step.substeps for step in brief.steps)


def test_an_unknown_level_is_named_in_one_sentence():
    with pytest.raises(InputError, match="detail level 'board' is not one of brief, standard, full"):
        derive("det", "[[1,2],[3,4]]", detail="board")


def test_the_command_line_defaults_to_standard_and_json_says_which(capsys):
    assert main(["derive", "inverse", "[[a,b],[c,d]]", "--format", "json"]) == 0
    standard = json.loads(capsys.readouterr().out)
    assert main(["derive", "inverse", "[[a,b],[c,d]]", "--format", "json", "--detail", "full"]) == 0
    full = json.loads(capsys.readouterr().out)

    def count(steps):
        return sum(1 + count(step["substeps"]) for step in steps)

    assert standard["detail"] == "standard" and full["detail"] == "full"
    assert standard["verified"] is full["verified"] is True
    assert count(standard["steps"]) <= 6 < count(full["steps"])
    assert standard["result"] == full["result"]


def test_a_bad_level_on_the_command_line_exits_2(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["derive", "det", "[[1,2],[3,4]]", "--detail", "board"])
    assert stop.value.code == 2


def test_a_folded_law_still_writes_the_value_both_sides_share(tmp_path, require_tex):
    from conftest import compile_fragment
    from symprimer.render.formats import render
    from symprimer.render.notation import to_latex

    a, b = sp.Matrix([[1, 2], [3, 4]]), sp.Matrix([[0, 1], [1, 1]])
    standard = derive("laws", "[[1,2],[3,4]]", "[[0,1],[1,1]]", detail="standard")
    latex = render(standard, "latex")
    assert to_latex(sp.ImmutableMatrix((a * b).T)) in latex  # (AB)^T multiplied out, in the law's line
    assert to_latex(sp.ImmutableMatrix(a * b)) + r" \neq " + to_latex(sp.ImmutableMatrix(b * a)) in latex
    compile_fragment(tmp_path, "laws", latex)
