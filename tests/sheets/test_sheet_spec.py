"""The sheet spec: safe YAML, validation with line numbers, canonical inputs."""
from __future__ import annotations

import pytest
import sympy as sp

from symprimer.core.errors import InputError
from symprimer.sheets.questions import canonical_matrix
from symprimer.sheets.spec import parse_spec

GOOD = """\
title: Test sheet
seed: 11
questions:
  - kind: det
    matrix: [[1, 2], [3, 4]]
    along: row1
    points: 4
  - kind: inverse
    random: {shape: 3x3, property: integer-inverse}
"""


def test_a_good_spec_reads_into_questions():
    spec = parse_spec(GOOD)
    assert spec.title == "Test sheet" and spec.seed == 11 and spec.template == "exam"
    first, second = spec.questions
    assert first.kind == "det" and first.points == 4 and dict(first.options) == {"along": "row1"}
    assert first.inputs[0].literal == "[[1, 2], [3, 4]]"
    assert first.line == 4
    assert second.inputs[0].recipe.property == "integer-inverse" and second.is_random


ALIAS_BOMB = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
questions: [*d, *d, *d, *d, *d, *d, *d, *d, *d]
"""


@pytest.mark.parametrize(
    "text, line, words",
    [
        (ALIAS_BOMB, 2, "alias"),
        ("title: !!python/object/apply:os.system ['echo hacked']\nquestions: []\n", 1, "python/object"),
        ("title: x\nquestions:\n  - kind: det\n    matrix: [[1, 2], [3, 4]\n", 5, "not valid YAML"),
        ("title: x\nquestions:\n  - kind: dett\n    matrix: [[1]]\n", 3, "'dett', which is not available"),
        ("title: x\nquestions:\n  - kind: det\n    matrix: [[1, 2], [3]]\n", 4, "ragged"),
        ("title: x\nquestions:\n  - kind: det\n    matrix: [[1, 2], [3, __import__]]\n", 4, "__import__"),
        ("title: x\nquestions:\n  - kind: det\n    matrix: [[1, 2], [3, 4]]\n    alon: row1\n", 5, "'alon'"),
        ("title: x\nquestions:\n  - kind: diff\n    expression: x**2\n    wrt: 'x; rm'\n", 5, "not a symbol name"),
        ("title: x\nquestions:\n  - kind: det\n    matrix: [[1]]\n    points: many\n", 5, "points"),
        ("title: x\nseed: -3\nquestions:\n  - kind: det\n    matrix: [[1]]\n", 2, "seed"),
        ("title: x\ncolour: red\nquestions:\n  - kind: det\n    matrix: [[1]]\n", 2, "unknown field 'colour'"),
        ("title: x\nquestions:\n  - kind: det\n    random: {shape: 2x3, property: integer-inverse}\n", 4, "square"),
        ("title: x\nquestions:\n  - kind: det\n    random: {shape: 3x3, property: magic}\n", 4, "magic"),
        ("title: x\nquestions:\n  - kind: det\n    random: {shape: 30x30}\n", 4, "30x30"),
        ("title: x\nquestions:\n  - kind: det\n    matrix: [[1]]\n    along: [row1, {a: 1}]\n", 5, "along"),
        ("title: x\nquestions: []\n", 2, "non-empty list"),
        ("title: [1, 2]\nquestions:\n  - kind: det\n    matrix: [[1]]\n", 1, "title must be text"),
        ("title: " + "[" * 5000 + "]" * 5000 + "\nquestions: []\n", 1, "nested more than"),
        ("title: x\nquestions:\n  - kind: det\n    matrix: [[1, 2], [3, 4]]\n    matrices: [[[1]]]\n", 3, "both matrix and matrices"),
        ("title: x\nquestions:\n  - kind: det\n    matrix: [[1]]\n    space: '5cm}\\\\input{x'\n", 5, "not a length"),
        ("title: x\nquestions:\n  - kind: det\n    matrix: [[1]]\n    space: 90cm\n", 5, "at most"),
        ("title: x\nspace: lots\nquestions:\n  - kind: det\n    matrix: [[1]]\n", 2, "not a length"),
    ],
)
def test_bad_specs_get_one_sentence_naming_the_line(text, line, words):
    with pytest.raises(InputError) as caught:
        parse_spec(text)
    message = str(caught.value)
    assert message.startswith(f"line {line}:"), message
    assert words in message
    assert "\n" not in message and "Traceback" not in message


def test_a_spec_that_is_not_a_mapping_is_refused():
    with pytest.raises(InputError, match="must be a mapping"):
        parse_spec("- just\n- a list\n")


def test_an_option_is_converted_like_the_command_line():
    spec = parse_spec("title: x\nquestions:\n  - kind: diff\n    expression: x*y\n    wrt: [x, y]\n")
    assert dict(spec.questions[0].options) == {"wrt": "x,y"}


def test_unavailable_kinds_can_be_skipped_with_a_note():
    text = "title: x\nquestions:\n  - kind: nosuchkind\n    matrix: [[1]]\n  - kind: det\n    matrix: [[5]]\n"
    spec = parse_spec(text, skip_unavailable=True)
    assert [q.kind for q in spec.questions] == ["det"] and spec.questions[0].number == 1
    assert len(spec.skipped) == 1 and "nosuchkind" in spec.skipped[0]


@pytest.mark.parametrize(
    "value, expected",
    [
        ([[1, 2], [3, 4]], sp.Matrix([[1, 2], [3, 4]])),
        ([[0.5, "1/3"], ["a", "x_1 + 1"]], sp.Matrix([[sp.Rational(1, 2), sp.Rational(1, 3)], [sp.Symbol("a"), sp.Symbol("x_1") + 1]])),
        ("1 2; 3 4", sp.Matrix([[1, 2], [3, 4]])),
        ([["1/sqrt(2)", "I/sqrt(2)"]], sp.Matrix([[1 / sp.sqrt(2), sp.I / sp.sqrt(2)]])),
    ],
)
def test_matrices_become_a_canonical_literal_that_reads_back(value, expected):
    literal = canonical_matrix(value, "the matrix")
    assert sp.Matrix(sp.sympify(literal)) == expected  # oracle: SymPy reads our own output
    assert canonical_matrix(literal, "the matrix") == literal  # canonical: a fixed point


@pytest.mark.parametrize("entry", [True, None, {"a": 1}, "1],[2", "os.system('x')"])
def test_hostile_matrix_entries_are_refused(entry):
    with pytest.raises(InputError):
        canonical_matrix([[1, entry]], "the matrix")


def test_random_expressions_draw_named_integers_within_their_ranges():
    from symprimer.sheets.variants import resolve_question

    text = (
        "title: x\nquestions:\n  - kind: diff\n    wrt: x\n"
        "    random: {expression: 'a*x**3 + b*exp(c*x)', integers: {a: [1, 5], b: [-3, 3], c: [2, 4]}}\n"
    )
    question = parse_spec(text).questions[0]
    assert question.is_random
    x = sp.Symbol("x")
    drawn = set()
    for seed in range(40):
        expression = sp.sympify(resolve_question(question, seed).inputs[0])
        a, b = expression.coeff(x, 3), expression.subs(x, 0) - 0
        c = sp.diff(expression - a * x**3, x).subs(x, 0) / b
        assert 1 <= a <= 5 and -3 <= b <= 3 and b != 0 and 2 <= c <= 4
        drawn.add((a, b, c))
        assert resolve_question(question, seed) == resolve_question(question, seed)
    assert len(drawn) > 20


@pytest.mark.parametrize(
    "random_value",
    ["{expression: 'a*x', integers: {a: [5, 1]}}", "{expression: 'a*x', integers: {'a b': [1, 2]}}", "{expression: 'a*x'}", "{choose: []}"],
)
def test_bad_random_expressions(random_value):
    with pytest.raises(InputError, match="line 5"):
        parse_spec(f"title: x\nquestions:\n  - kind: diff\n    wrt: x\n    random: {random_value}\n")
