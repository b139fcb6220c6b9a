"""The wheel carries the templates, and an installed (non-editable) copy finds them."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_ships_every_template_and_finds_them(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("symprimer-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        shipped = {name for name in archive.namelist() if name.startswith("symprimer/templates/")}
        archive.extractall(tmp_path / "site")
    expected = {
        "symprimer/templates/" + path.relative_to(ROOT / "templates").as_posix()
        for path in (ROOT / "templates").rglob("*")
        if path.is_file()
    }
    assert expected and expected <= shipped
    probe = (
        "from symprimer.render.environment import builtin_template_dir as d;"
        "import symprimer; print(d()); print(symprimer.__file__)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env={"PYTHONPATH": str(tmp_path / "site")},
        check=True, capture_output=True, text=True,
    ).stdout.split()
    assert out[0] == str(tmp_path / "site" / "symprimer" / "templates")
    assert out[1].startswith(str(tmp_path / "site"))
