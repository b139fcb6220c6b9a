"""The issue's example commands through symprimer.cli.main, exit codes and hostile input."""
import json
import subprocess
import sys
import time

import pytest
import sympy as sp

from symprimer.cli import main

EXAMPLES = [
    (["det", "[[2,1,0],[1,3,1],[0,1,2]]"], "8"),
    (["det", "[[a,b,c],[x,y,z],[m,l,p]]", "--along", "col2", "--format", "latex"], r"\begin{vmatrix}"),
    (["inverse", "[[1,2],[3,4]]", "--format", "json"], '"kind": "inverse"'),
    (["inverse", "[[a,b],[c,d]]"], "The inverse A⁻¹"),
    (["cofactors", "[[a,b,c],[x,y,z],[m,l,p]]"], "C₁₂"),
    (["transpose", "[[0,2],[-2,0]]"], "antisymmetric"),
    (["matmul", "[[a,b,c],[x,y,z]]", "[[d,m],[l,p],[1,2]]"], "row 1 of A times column 1 of B"),
    (["laws", "[[1,2],[3,4]]", "[[0,1],[1,1]]"], "AB ≠ BA"),
    (["det", "[[0,2,4],[1,3,1],[2,1,2]]", "--method", "elimination"], "swap R₁ and R₂"),
    (["inverse", "[[2,1],[1,1]]", "--method", "gauss-jordan"], "[A | I]"),
]


@pytest.mark.parametrize("argv, fragment", EXAMPLES)
def test_issue_examples_exit_0(argv, fragment, capsys):
    assert main(["derive", *argv]) == 0
    out = capsys.readouterr().out
    assert fragment in out
    if "--format" not in argv:
        assert "Verified: every step checked." in out


def test_unevaluated_board_forms_survive_the_budget_child(capsys):
    assert main(["derive", "det", "[[2,1,0],[1,3,1],[0,1,2]]", "--format", "latex", "--detail", "full"]) == 0
    out = capsys.readouterr().out
    assert r"\left(-1\right)^{1 + 1}" in out  # the sign power, not collapsed to 1
    assert r"1 \cdot 4" not in out and r"3 \cdot 2 - 1 \cdot 1" in out  # ad - bc in written order


def test_json_result_reads_back_with_sympify(capsys):
    assert main(["derive", "inverse", "[[1,2],[3,4]]", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert sp.sympify(data["result"]["sympy"]) == sp.Matrix([[1, 2], [3, 4]]).inv()
    assert data["verified"] is True and data["input"] == ["[[1,2],[3,4]]"]
    assert all({"rule", "text", "latex"} <= set(step) for step in data["steps"])


def test_singular_inverse_exits_1(capsys):
    assert main(["derive", "inverse", "[[1,2],[2,4]]"]) == 1
    assert "det A = 0, so A has no inverse" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["det", "[[1,2],[3]]"], "ragged rows"),
        (["det", "[[1,2,3],[4,5,6]]"], "square"),
        (["matmul", "[[1,2]]", "[[1,2]]"], "1x2"),
        (["det", "[[1,2],[3,4]]", "--along", "row5"], "row5"),
        (["det", "[[1,2],[3,4]]", "--method", "magic"], "magic"),
        (["inverse", "[[1,2],[3,4]]", "--along", "row1"], "--along"),
        (["det", "[[foo(1),2],[3,4]]"], "unknown function"),
    ],
)
def test_bad_input_is_one_sentence_and_exit_2(argv, fragment, capsys):
    assert main(["derive", *argv]) == 2
    err = capsys.readouterr().err
    assert fragment in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


TWELVE_SYMBOLIC = "[" + ",".join("[" + ",".join(f"s{i}_{j}" if j < 10 else f"t{i}x{j}" for j in range(12)) + "]" for i in range(12)) + "]"

HOSTILE = [
    ["det", "[[__import__('os').system('touch /tmp/symprimer-pwned'),1],[2,3]]"],
    ["det", "[[2**2**2**2**2**2,1],[2,3]]"],
    ["det", "[[" + "(" * 500 + "1" + ")" * 500 + ",1],[2,3]]"],
    ["det", TWELVE_SYMBOLIC],
    ["inverse", TWELVE_SYMBOLIC],
    ["cofactors", TWELVE_SYMBOLIC],
]


@pytest.mark.parametrize("argv", HOSTILE, ids=["payload", "power-tower", "deep-nesting", "det-12x12", "inverse-12x12", "cofactors-12x12"])
def test_hostile_input_ends_with_a_clear_message_within_budget(argv):
    budget = 5.0
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "symprimer", "derive", *argv, "--timeout", str(budget)],
        capture_output=True, text=True, timeout=budget + 30,
    )
    elapsed = time.monotonic() - started
    assert result.returncode in (2, 3)
    message = result.stderr.strip()
    assert message.startswith("symprimer derive: ") and len(message.splitlines()) == 1 and "Traceback" not in message
    assert elapsed < budget + 1 + 1.5  # budget + 1 s, plus the interpreter's own start-up
    import os

    assert not os.path.exists("/tmp/symprimer-pwned")


@pytest.mark.parametrize(
    "argv",
    [
        ["det", "[[a,b],[c,d]]"],
        ["cofactors", "[[1,2,3],[0,4,5],[1,0,6]]"],
        ["transpose", "[[1,I],[-I,2]]"],
        ["matmul", "[[1,2]]", "[[3],[4]]"],
        ["laws", "[[1,2],[3,4]]"],
        ["inverse", "[[1,2],[2,4]]"],
    ],
)
def test_every_kind_gives_json_that_reads_back(argv, capsys):
    code = main(["derive", *argv, "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == (1 if argv[0] == "inverse" else 0)
    assert data["verified"] is True and data["kind"] == argv[0]
    value = sp.sympify(data["result"]["sympy"])
    assert value is not None and data["result"]["latex"]


def test_work_past_the_time_budget_ends_with_exit_3_within_budget_plus_one_second(capsys):
    # Every entry a degree-6 polynomial in five symbols: det A has degree 24 and thousands of terms,
    # several seconds of exact work (a plain symbolic 4x4 takes milliseconds).
    symbolic = "[" + ",".join("[" + ",".join(f"(a+b+c+d+e)**6+{4 * i + j}*a" for j in range(4)) + "]" for i in range(4)) + "]"
    budget = 0.3
    started = time.monotonic()
    code = main(["derive", "inverse", symbolic, "--timeout", str(budget)])
    elapsed = time.monotonic() - started
    assert code == 3
    assert "time budget" in capsys.readouterr().err
    assert elapsed < budget + 1
