"""The issue's example commands through symprimer.cli.main (fewer steps where slow)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from symprimer.cli import main

POINTS = str(Path(__file__).resolve().parents[2] / "examples" / "data" / "points.csv")
PNG = b"\x89PNG\r\n\x1a\n"


def _json(capsys):
    return json.loads(capsys.readouterr().out)


def test_gradcheck_example(capsys):
    code = main(["gradcheck", "--function", "log(1+exp(-y*(w1*x1+w2*x2)))", "--wrt", "w1,w2",
                 "--at", "w1=0.3,w2=-1.2,x1=0.7,x2=2.0,y=1"])
    out = capsys.readouterr().out
    assert code == 0 and "passed" in out and "w1" in out and "df/dw2" in out


def test_gradcheck_json(capsys):
    code = main(["gradcheck", "--function", "log(1+exp(-y*(w1*x1+w2*x2)))", "--wrt", "w1,w2",
                 "--at", "w1=0.3,w2=-1.2,x1=0.7,x2=2.0,y=1", "--json"])
    payload = _json(capsys)
    assert code == 0 and {"analytic", "numeric", "rel_error"} <= set(payload)
    assert len(payload["analytic"]) == 2 and max(payload["rel_error"]) < 1e-6


def test_descend_rosenbrock_adam_json(capsys):
    code = main(["descend", "--function", "(1-x)**2 + 100*(y-x**2)**2", "--start", "x=-1.5,y=2",
                 "--optimizer", "adam", "--lr", "0.01", "--steps", "500", "--json"])
    payload = _json(capsys)
    assert code == 0
    assert payload["trajectory"][0] == [-1.5, 2.0] and len(payload["trajectory"]) == 501
    assert len(payload["loss"]) == 501 and payload["loss"][-1] < payload["loss"][0]
    assert payload["convention"] == "pytorch" and payload["settings"]["lr"] == 0.01
    assert payload["variables"] == ["x", "y"]


def test_descend_beale_comparison_with_pictures(tmp_path, capsys):
    png, gif = tmp_path / "paths.png", tmp_path / "paths.gif"
    code = main(["descend", "--function", "<Beale>", "--start", "x=1,y=1.5",
                 "--optimizer", "sgd,momentum,nesterov,adagrad,rmsprop,adam", "--lr", "0.01", "--steps", "60",
                 "--plot", str(png), "--animate", str(gif)])
    captured = capsys.readouterr()
    assert png.read_bytes()[:8] == PNG and gif.read_bytes()[:3] == b"GIF"
    # momentum and nesterov leave the valley at this learning rate: reported, exit 1
    assert code == 1 and "Momentum (lr=0.01) diverged" in captured.err and "learning rate" in captured.err
    assert "Adam (lr=0.01)" in captured.out


def test_descend_logistic_on_points_csv(tmp_path, capsys):
    png = tmp_path / "loss.png"
    code = main(["descend", "--model", "logistic", "--data", POINTS, "--batch-size", "16", "--optimizer", "sgd",
                 "--lr", "0.1", "--epochs", "20", "--plot", str(png), "--json"])
    payload = _json(capsys)
    assert code == 0 and png.read_bytes()[:8] == PNG
    assert payload["mode"] == "mini-batch" and len(payload["loss"]) == 21
    assert payload["loss"][-1] < 0.5 * payload["loss"][0] and payload["accuracy"] > 0.8


def test_descend_stochastic_synthetic(capsys):
    code = main(["descend", "--model", "logistic", "--synthetic", "300", "--seed", "0", "--batch-size", "1",
                 "--lr", "0.05", "--epochs", "2", "--json"])
    payload = _json(capsys)
    assert code == 0 and payload["mode"] == "stochastic" and len(payload["trajectory"]) == 601


def test_descend_textbook_convention_and_table(capsys):
    code = main(["descend", "--function", "x**2 + 10*y**2", "--start", "x=1,y=1", "--optimizer", "nesterov",
                 "--lr", "0.01", "--steps", "5", "--convention", "textbook", "--table", "3"])
    out = capsys.readouterr().out
    assert code == 0 and "textbook" in out and r"\begin{tabular}" in out and r"\nabla f(\theta_{t-1} - \gamma" in out


def test_divergence_exit_and_message(capsys):
    code = main(["descend", "--function", "x**2", "--start", "x=3", "--lr", "1.5", "--steps", "50", "--json"])
    captured = capsys.readouterr()
    payload = json.loads(captured.out)
    assert code == 1 and payload["diverged"] and "learning rate 1.5" in captured.err


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["descend", "--function", "x**2"], "--start"),
        (["descend", "--function", "x**2", "--start", "x=1", "--optimizer", "lion"], "not known"),
        (["descend", "--function", "x**2", "--start", "x=1", "--lr", "fast"], "not a number"),
        (["descend", "--function", "x*y", "--start", "x=1"], "no value"),
        (["descend", "--model", "logistic"], "needs data"),
        (["descend", "--model", "logistic", "--data", "/nonexistent.csv"], "does not exist"),
        (["descend", "--function", "x**2", "--start", "x=1", "--animate", "a.gif"], "two variables"),
        (["descend", "--function", "exec('1')", "--start", "x=1"], "character"),
    ],
)
def test_bad_input_is_one_sentence_and_exit_2(argv, fragment, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert fragment in err and "Traceback" not in err


def test_a_run_past_its_time_budget_stops_with_exit_3(capsys):
    import time

    started = time.monotonic()
    code = main(["descend", "--function", "x**2", "--start", "x=1", "--lr", "0.001", "--steps", "1000000", "--timeout", "0.5"])
    assert code == 3 and "time budget" in capsys.readouterr().err
    assert time.monotonic() - started < 0.5 + 1 + 2  # budget + 1 s, plus start-up of the derivation child


def test_too_many_model_updates_are_refused(capsys):
    code = main(["descend", "--model", "linear", "--synthetic", "100000", "--batch-size", "1", "--epochs", "30"])
    assert code == 2 and "the limit is 2000000" in capsys.readouterr().err
