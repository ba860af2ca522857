from __future__ import annotations

from spinscope.training.progress import counter


def test_counter_reports_the_running_count_of_its_step() -> None:
    seen: list[tuple[str, int, int]] = []
    advance = counter(lambda *report: seen.append(report), "encoding", 5)
    assert advance is not None
    advance(2)
    advance(3)
    assert seen == [("encoding", 2, 5), ("encoding", 5, 5)]


def test_counter_is_none_without_a_listener() -> None:
    assert counter(None, "encoding", 5) is None
