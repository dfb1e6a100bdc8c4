"""Shared settings for the writing-scorer tests."""

import pytest


@pytest.fixture(autouse=True)
def one_torch_thread():
    """Run the model tests on one torch thread, and put the setting back afterwards.

    CI runs two pytest workers on two cores; torch's default of one thread per core in each
    worker oversubscribes the CPU, and spinning OpenMP threads then run several times slower
    (measured here: 686 ms vs 82 ms per proxy response on a busy machine).
    """
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)
