"""A grading key's ``labels`` and ``probabilities`` are read (as ``check --labels`` reads them)
and used when each answer is graded: counterexamples at labels in {0, 1} and probabilities in
(0, 1), and agreement meaning 'agrees on that domain'.

Oracle: the ``derive`` command's own result (its JSON) for the key entry's options."""
from __future__ import annotations

import json
import re

import pytest

from symprimer.check.grade import grade_all
from symprimer.check.key import key_from_data
from symprimer.check.submissions import Submission
from symprimer.cli import main
from symprimer.core.errors import InputError

DERIVE = ["loss", "cce", "--classes", "2"]
# y_1^2 = y_1 for a 0/1 label: right as the lecturer meant it, wrong for an arbitrary y_1
ON_LABELS_ONLY = r"\begin{pmatrix}-\frac{y_{1}^{2}}{p_{1}}\\-\frac{y_{2}}{p_{2}}\end{pmatrix}"
WRONG = r"\begin{pmatrix}-\frac{y_{1}}{p_{1}^{2}}\\-\frac{y_{2}}{p_{2}}\end{pmatrix}"


@pytest.fixture(scope="module")
def derived_latex():
    """The derive command's result for the same options, as LaTeX a student could hand in."""
    with pytest.MonkeyPatch.context() as patch:
        import io
        import sys

        out = io.StringIO()
        patch.setattr(sys, "stdout", out)
        assert main(["derive", *DERIVE, "--format", "json"]) == 0
    return json.loads(out.getvalue())["result"]["latex"]


def _key(**domains) -> object:
    return key_from_data({"questions": {"q1": {"derive": " ".join(DERIVE), "points": 2, **domains}}})


def _grades(key, answers: dict[str, str]) -> dict[str, object]:
    submissions = [Submission(student, (("q1", text),)) for student, text in answers.items()]
    students = grade_all(submissions, key, workers=1, progress=False)
    return {s.student: s.results[0] for s in students}


def test_the_key_reads_labels_and_probabilities_as_the_command_line_does():
    entry = _key(labels="y_1, y_2", probabilities=["p_2", r"\p_1"]).entries[0]
    assert entry.labels == ("y_1", "y_2") and entry.probabilities == ("p_1", "p_2")
    with pytest.raises(InputError, match="not a comma-separated list of variable names"):
        _key(labels="y 1")


def test_a_cce_question_with_labels_is_graded_as_the_lecturer_wrote_it(derived_latex):
    key = _key(labels="y_1,y_2", probabilities="p_1,p_2")
    graded = _grades(key, {"ann": derived_latex, "ben": ON_LABELS_ONLY, "cy": WRONG})
    assert (graded["ann"].verdict, graded["ann"].marks) == ("equivalent", 2.0)
    assert (graded["ben"].verdict, graded["ben"].marks) == ("equivalent", 2.0)
    assert (graded["cy"].verdict, graded["cy"].marks) == ("not_equivalent", 0.0)
    # the counterexample shown to the student lies in the declared domain
    point = dict(re.findall(r"([py]_1) = (-?[\d/]+)", graded["cy"].reason))
    assert point["y_1"] in ("0", "1"), graded["cy"].reason
    numerator, _, denominator = point["p_1"].partition("/")
    assert denominator and 0 < int(numerator) < int(denominator), graded["cy"].reason


def test_without_the_declaration_the_label_only_answer_is_not_accepted(derived_latex):
    graded = _grades(_key(), {"ann": derived_latex, "ben": ON_LABELS_ONLY})
    assert graded["ann"].verdict == "equivalent"
    assert graded["ben"].verdict == "not_equivalent"
