"""Output folders: atomic writes, never through a link, work folders never removed through one."""
from __future__ import annotations

import os
import stat

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hostile_helpers import assert_one_sentence, run_main, tree, write_spec
from symprimer.runtime import output as safe_output
from symprimer.core.errors import InputError
from symprimer.sheets import pdf as pdf_module

DESCEND_SPEC = """\
title: Figures
seed: 1
questions:
  - kind: descend
    expression: "x**2 + 3*y**2"
    start: "x=1,y=1"
    optimizer: [sgd, momentum]
    lr: [0.1, 0.1]
    steps: 3
"""


@pytest.fixture
def victim(tmp_path):
    """A folder outside the output folder whose contents must survive every attempt."""
    folder = tmp_path / "victim"
    folder.mkdir()
    (folder / "precious.txt").write_text("keep me")
    return folder


def test_write_text_refuses_a_link_and_leaves_its_target_alone(tmp_path, victim):
    link = tmp_path / "out.tex"
    link.symlink_to(victim / "precious.txt")
    with pytest.raises(InputError, match="link"):
        safe_output.write_text(link, "overwritten")
    assert (victim / "precious.txt").read_text() == "keep me"


@pytest.mark.parametrize("make", [os.mkfifo, os.mkdir])
def test_write_text_refuses_special_files(tmp_path, make):
    target = tmp_path / "out.tex"
    make(target)
    with pytest.raises(InputError, match="not a regular file"):
        safe_output.write_text(target, "x")


@settings(max_examples=25, deadline=None)
@given(first=st.text(max_size=200), second=st.text(max_size=200))
def test_atomic_write_replaces_the_whole_file_and_leaves_no_temporary(tmp_path_factory, first, second):
    folder = tmp_path_factory.mktemp("atomic")
    target = folder / "file.tex"
    safe_output.write_text(target, first)
    safe_output.write_text(target, second)
    assert target.read_bytes() == second.encode("utf-8")
    assert [p.name for p in folder.iterdir()] == ["file.tex"]
    assert stat.S_IMODE(target.stat().st_mode) & 0o600 == 0o600


def test_a_failed_write_keeps_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "file.tex"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with safe_output.atomic_writer(target) as handle:
            handle.write("half")
            raise RuntimeError("stopped half way")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["file.tex"]


def test_fresh_folder_refuses_links_and_never_empties_their_target(tmp_path, victim):
    out = tmp_path / "out"
    out.mkdir()
    (out / "tex-work").symlink_to(victim)
    with pytest.raises(InputError, match="link"):
        safe_output.fresh_folder(out, "tex-work", "sheet")
    (out / "tex-work").unlink()
    (out / "tex-work").mkdir()
    (out / "tex-work" / "sheet").symlink_to(victim)
    with pytest.raises(InputError, match="link"):
        safe_output.fresh_folder(out, "tex-work", "sheet")
    assert (victim / "precious.txt").read_text() == "keep me"


def test_fresh_folder_empties_a_real_work_folder_but_not_what_links_inside_point_to(tmp_path, victim):
    work = tmp_path / "out" / "tex-work" / "sheet"
    work.mkdir(parents=True)
    (work / "old.aux").write_text("stale")
    (work / "door").symlink_to(victim)
    fresh = safe_output.fresh_folder(tmp_path / "out", "tex-work", "sheet")
    assert fresh == work and list(work.iterdir()) == []
    assert (victim / "precious.txt").read_text() == "keep me"
    safe_output.remove_folder(tmp_path / "out" / "tex-work")
    assert not (tmp_path / "out" / "tex-work").exists()


def test_a_link_at_a_sheet_name_is_refused_in_one_sentence(tmp_path, victim, capsys):
    spec = write_spec(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "spec-questions.tex").symlink_to(victim / "precious.txt")
    before = tree(tmp_path, skip=out)
    status, stderr = run_main(["sheet", str(spec), "-o", str(out), "--quiet"], capsys)
    assert status == 2
    assert_one_sentence(stderr, mentions="link")
    assert tree(tmp_path, skip=out) == before


def test_a_fifo_at_a_sheet_name_is_refused_without_waiting(tmp_path, capsys):
    spec = write_spec(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / "spec-solutions.tex")
    status, stderr = run_main(["sheet", str(spec), "-o", str(out), "--quiet"], capsys)
    assert status == 2
    assert_one_sentence(stderr, mentions="not a regular file")


def test_a_link_named_like_a_figure_is_refused(tmp_path, victim, capsys):
    spec = write_spec(tmp_path, DESCEND_SPEC)
    out = tmp_path / "out"
    status, _ = run_main(["sheet", str(spec), "-o", str(out), "--quiet"], capsys)
    assert status == 0
    figures = sorted(p.name for p in out.iterdir() if p.suffix in (".png", ".pdf"))
    assert figures, "the spec should draw a figure"
    for name in figures:
        (out / name).unlink()
        (out / name).symlink_to(victim / "precious.txt")
    before = tree(tmp_path, skip=out)
    status, stderr = run_main(["sheet", str(spec), "-o", str(out), "--quiet"], capsys)
    assert status == 2
    assert "link" in stderr and "Traceback" not in stderr
    assert tree(tmp_path, skip=out) == before


@pytest.mark.tex
def test_a_linked_work_folder_is_never_emptied(tmp_path, victim, capsys, require_tex):
    spec = write_spec(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / pdf_module.WORK_FOLDER).symlink_to(victim)
    before = tree(tmp_path, skip=out)
    status, stderr = run_main(["sheet", str(spec), "-o", str(out), "--quiet", "--pdf"], capsys)
    assert status == 2
    assert_one_sentence(stderr, mentions="link")
    assert tree(tmp_path, skip=out) == before
    assert not list(out.glob("*.pdf"))


@pytest.mark.tex
def test_a_link_at_a_pdf_name_is_refused_and_its_target_kept(tmp_path, victim, capsys, require_tex):
    spec = write_spec(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "spec-solutions.pdf").symlink_to(victim / "precious.txt")
    before = tree(tmp_path, skip=out)
    status, stderr = run_main(["sheet", str(spec), "-o", str(out), "--quiet", "--pdf"], capsys)
    assert status == 2
    assert_one_sentence(stderr, mentions="link")
    assert tree(tmp_path, skip=out) == before
