import time

import pytest

from analysis.process_pool import TASKS_IN_FLIGHT_PER_WORKER, ordered_map


def slow_square(n: int) -> int:
    time.sleep(0.02 * (5 - n % 5))  # early tasks finish last
    return n * n


def fail_on_three(n: int) -> int:
    if n == 3:
        raise ValueError("task 3 is bad")
    return n


def test_results_come_in_task_order():
    assert list(ordered_map(slow_square, range(12), workers=2)) == [n * n for n in range(12)]


def test_a_failing_task_raises_in_the_caller():
    results = ordered_map(fail_on_three, range(10), workers=2)
    assert [next(results) for _ in range(3)] == [0, 1, 2]
    with pytest.raises(ValueError, match="task 3 is bad"):
        next(results)


def test_tasks_are_taken_lazily():
    taken = []

    def tasks():
        for n in range(1000):
            taken.append(n)
            yield n

    results = ordered_map(abs, tasks(), workers=2)
    assert next(results) == 0
    assert len(taken) <= 2 * TASKS_IN_FLIGHT_PER_WORKER  # not the whole archive
    results.close()
