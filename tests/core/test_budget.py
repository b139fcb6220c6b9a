import time

import pytest

from symprimer.runtime.budget import Budget, run_with_budget
from symprimer.core.errors import BudgetExceeded, InputError


def _sleep_forever():
    while True:
        time.sleep(0.01)


def _hog_memory():
    blocks = []
    while True:
        blocks.append(bytearray(50 * 1024 * 1024))


def _raise_input_error():
    raise InputError("the matrix is not square.")


def test_returns_the_value():
    assert run_with_budget(pow, 2, 10, budget=Budget(5, 512)) == 1024


def test_time_out_is_reported_within_budget_plus_one_second():
    start = time.monotonic()
    with pytest.raises(BudgetExceeded) as info:
        run_with_budget(_sleep_forever, budget=Budget(0.5, 512), what="the test")
    assert time.monotonic() - start < 1.5
    assert "0.5 s" in str(info.value)


def test_memory_cap_is_reported():
    with pytest.raises(BudgetExceeded) as info:
        run_with_budget(_hog_memory, budget=Budget(10, 300))
    assert "memory" in str(info.value)


def test_project_errors_pass_through():
    with pytest.raises(InputError, match="not square"):
        run_with_budget(_raise_input_error, budget=Budget(5, 512))
