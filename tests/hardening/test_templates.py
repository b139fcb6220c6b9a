"""Templates are code from anywhere: sandboxed, confined to their folders, under a budget."""
from __future__ import annotations

import os

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hostile_helpers import assert_one_sentence, run_cli, run_main, write_spec
from symprimer.core.errors import InputError
from symprimer.render.environment import ConfinedLoader, latex_environment

ESCAPES = [
    r'\VAR{ cycler.__init__.__globals__.os.popen("touch pwned").read() }',
    r'\VAR{ joiner.__init__.__globals__.os.system("touch pwned") }',
    r"\VAR{ ''.__class__.__mro__[1].__subclasses__() }",
    r"\VAR{ ''.__class__ }",
    r"\VAR{ (1).__class__.__base__.__subclasses__() }",
    r"\VAR{ self._TemplateReference__context }",
    r"\VAR{ namespace.__init__.__globals__ }",
    r"\VAR{ lipsum(100000) }",
    r'\VAR{ "{0.__class__}".format("") }',
    r"\VAR{ range.__self__ }",
]
TOO_MUCH = [
    r"\BLOCK{ for i in range(10**9) }x\BLOCK{ endfor }",
    r"\VAR{ 9**9**9**9**9 }",
    r"\VAR{ 2**100000 }",
    r"\VAR{ 'a' * 10**9 }",
    r"\VAR{ [1] * 10**8 }",
]


@pytest.fixture
def user_folder(tmp_path):
    folder = tmp_path / "style"
    (folder / "documents").mkdir(parents=True)
    return folder


def render(folder, source: str) -> str:
    return latex_environment(str(folder)).from_string(source).render(sheet={}, questions=[])


@pytest.mark.parametrize("source", ESCAPES + TOO_MUCH)
def test_escapes_and_excess_end_in_one_sentence_and_run_nothing(source, user_folder, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises((InputError, jinja2.UndefinedError)) as refused:
        render(user_folder, source)
    assert "\n" not in str(refused.value)
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize(
    "name",
    ["../../../../etc/passwd", "/etc/passwd", "documents/../../x", "a\\..\\b", "x\0y", "documents/" + "../" * 40 + "etc/hosts"],
)
def test_include_cannot_leave_the_template_folders(name, user_folder):
    with pytest.raises(InputError):
        render(user_folder, "\\BLOCK{include %r}" % name)
    for statement in (f"extends {name!r}", f"import {name!r} as m", f"from {name!r} import x"):
        with pytest.raises(InputError):
            render(user_folder, "\\BLOCK{%s}" % statement)


def test_a_link_leading_out_is_refused_and_one_inside_is_read(user_folder, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    (user_folder / "documents" / "leak.tex.j2").symlink_to(secret)
    (user_folder / "documents" / "real.tex.j2").write_text("inside")
    (user_folder / "documents" / "alias.tex.j2").symlink_to(user_folder / "documents" / "real.tex.j2")
    with pytest.raises(InputError, match="link"):
        render(user_folder, r'\BLOCK{include "documents/leak.tex.j2"}')
    assert render(user_folder, r'\BLOCK{include "documents/alias.tex.j2"}') == "inside"


def test_a_fifo_or_folder_as_template_is_refused_without_waiting(user_folder):
    os.mkfifo(user_folder / "documents" / "pipe.tex.j2")
    (user_folder / "documents" / "dir.tex.j2").mkdir()
    for name in ("pipe", "dir"):
        with pytest.raises(InputError, match="regular file"):
            render(user_folder, '\\BLOCK{include "documents/%s.tex.j2"}' % name)


def test_listing_does_not_follow_linked_folders(user_folder, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.tex.j2").write_text("outside")
    (user_folder / "linked").symlink_to(outside)
    names = ConfinedLoader([str(user_folder)]).list_templates()
    assert not any(name.startswith("linked") for name in names)


@settings(max_examples=30, deadline=None)
@given(st.integers(-10**6, 10**6), st.integers(-60, 60))
def test_ordinary_arithmetic_still_renders_as_python_computes_it(base, exponent):
    if base == 0 and exponent < 0:
        return
    source = r"\VAR{ a ** b } \VAR{ a * b }"
    rendered = latex_environment(None).from_string(source).render(a=base, b=exponent)
    assert rendered == f"{base ** exponent} {base * exponent}"


def test_cli_template_escape_is_one_sentence_and_runs_nothing(user_folder, tmp_path):
    spec = write_spec(tmp_path)
    (user_folder / "documents" / "_preamble.tex.j2").write_text(ESCAPES[0] + "\n")
    status, stderr, _ = run_cli(["sheet", str(spec), "-o", "out", "--templates", str(user_folder), "--quiet"], tmp_path)
    assert status == 2
    assert_one_sentence(stderr, mentions="template")
    assert not (tmp_path / "pwned").exists()
    assert not list((tmp_path / "out").glob("*.tex"))


def test_cli_include_outside_is_one_sentence(user_folder, tmp_path):
    spec = write_spec(tmp_path)
    (user_folder / "documents" / "_preamble.tex.j2").write_text('\\BLOCK{include "../../../etc/passwd"}\n')
    status, stderr, _ = run_cli(["sheet", str(spec), "-o", "out", "--templates", str(user_folder), "--quiet"], tmp_path)
    assert status == 2
    assert_one_sentence(stderr, mentions="template")


def test_cli_endless_template_loop_ends_within_the_budget(user_folder, tmp_path):
    spec = write_spec(tmp_path)
    loop = r"\BLOCK{ for i in range(100000) }\BLOCK{ for j in range(100000) }\BLOCK{ endfor }\BLOCK{ endfor }"
    (user_folder / "documents" / "_preamble.tex.j2").write_text(loop + "\n")
    budget = 3
    status, stderr, seconds = run_cli(
        ["sheet", str(spec), "-o", "out", "--templates", str(user_folder), "--quiet", "--timeout", str(budget)], tmp_path
    )
    assert status == 3
    assert_one_sentence(stderr, mentions="time budget")
    assert seconds < budget + 20  # start-up and derivation included; a hang would take minutes


@pytest.mark.parametrize(
    "name, source, status, says",
    [
        ("steps/det_2x2.tex.j2", r"\VAR{ ''.__class__.__mro__ }", 2, "templates may not do"),  # the 2x2 det the spec renders
        ("derivation.tex.j2", r"\BLOCK{ for i in range(100000) }\BLOCK{ for j in range(100000) }\BLOCK{ endfor }\BLOCK{ endfor }", 3, "time budget"),
    ],
)
def test_step_and_derivation_templates_are_sandboxed_and_budgeted(user_folder, tmp_path, capsys, name, source, status, says):
    spec = write_spec(tmp_path)
    (user_folder / name).parent.mkdir(parents=True, exist_ok=True)
    (user_folder / name).write_text(source + "\n")
    code, stderr = run_main(
        ["sheet", str(spec), "-o", str(tmp_path / "out"), "--templates", str(user_folder), "--quiet", "--timeout", "3",
         "--detail", "full"],  # full detail: the worked arithmetic renders through the generic step template
        capsys,
    )
    assert code == status
    assert_one_sentence(stderr, mentions=says)
