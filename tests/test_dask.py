"""Cleaning on Dask (the optional extra ``cleanup[dask]``): a real ``LocalCluster`` with two
worker processes gives exactly what one process gives, from the command line
(``cleanup fix --dask``) and from Python (bags, dask and pandas columns).

Skipped when the extra is not installed: CI does not need it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_parallel import LEXICON, make_tree, run_in

from cleanup.cleaner import Cleaner
from cleanup.settings import Settings

EXTRA = "the dask extra is not installed (python3 -m pip install 'cleanup[dask]')"
distributed = pytest.importorskip("distributed", reason=EXTRA)
pandas = pytest.importorskip("pandas", reason=EXTRA)
dask_bag = pytest.importorskip("dask.bag", reason=EXTRA)
dask_frame = pytest.importorskip("dask.dataframe", reason=EXTRA)
cleanup_dask = pytest.importorskip("cleanup.dask", reason=EXTRA)

DATA = Path(__file__).parent / "data" / "cli"
TEXTS = [
    "The  group Isis met in Bagdad.\n",
    (DATA / "sample.txt").read_text(encoding="utf-8"),
    "",
    "Hizbollah,left.\r\nNothing else.\r\n",
    "Clean text.",
]


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local


@pytest.fixture
def cleaner() -> Cleaner:
    lexicon = DATA / "lexicon.tsv"
    return Cleaner(Settings(builtin=False, lexicons=(lexicon,), user_lexicon=None))


def serial(cleaner: Cleaner) -> list[dict[str, Any]]:
    return [cleanup_dask.cleaned_record(cleaner, text) for text in TEXTS]


def test_fix_on_a_local_cluster_is_fix_in_one_process(cluster: Any, tmp_path: Path) -> None:
    args = ["fix", *LEXICON, "docs", "--format", "json", "-o", "out"]
    one = run_in(make_tree(tmp_path / "serial"), args)
    spread = run_in(make_tree(tmp_path / "spread"), [*args, "--dask", cluster.scheduler_address])
    assert spread == one
    assert b"ISIS" in one[3]["out/a.txt"]


def test_bags_and_columns_on_the_cluster(cluster: Any, cleaner: Cleaner) -> None:
    expected = serial(cleaner)
    with distributed.Client(cluster):
        bag = dask_bag.from_sequence(TEXTS, npartitions=2)
        assert cleanup_dask.clean_bag(bag, cleaner).compute() == expected
        pairs = dask_bag.from_sequence(list(enumerate(TEXTS)), npartitions=3)
        assert cleanup_dask.clean_bag(pairs, cleaner).compute() == list(enumerate(expected))
        frame = pandas.DataFrame({"text": TEXTS}, index=[10, 11, 12, 13, 14])
        column = dask_frame.from_pandas(frame, npartitions=2)["text"]
        cleaned = cleanup_dask.clean_column(column, cleaner).compute()
        workers = distributed.get_client().run(
            lambda dask_worker: sorted(dask_worker.plugins)  # one cleaner plugin each
        )
    assert list(cleaned.index) == [10, 11, 12, 13, 14]
    assert list(cleaned["cleaned"]) == [r["cleaned"] for r in expected]
    assert list(cleaned["edits"]) == [r["edits"] for r in expected]
    name = cleanup_dask.cleaner_name(cleaner)
    assert all(name in plugins for plugins in workers.values())


def test_without_a_cluster_the_same_functions_run_here(cleaner: Cleaner) -> None:
    expected = serial(cleaner)
    bag = dask_bag.from_sequence(TEXTS, npartitions=2)
    assert cleanup_dask.clean_bag(bag, cleaner).compute(scheduler="sync") == expected
    cleaned = cleanup_dask.clean_column(pandas.Series(TEXTS), cleaner)
    assert list(cleaned["cleaned"]) == [r["cleaned"] for r in expected]
    assert cleaned.loc[0, "edits"] == expected[0]["edits"]


def test_batches_hold_about_the_limit() -> None:
    assert cleanup_dask.batches([10, 10, 10, 50, 5], limit=25) == [[0, 1], [2], [3], [4]]
    assert cleanup_dask.batches([]) == []


def test_an_unreachable_scheduler_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cleanup_dask, "CONNECT_TIMEOUT_S", 1)
    code, out, err, _ = run_in(
        make_tree(tmp_path), ["fix", *LEXICON, "docs", "--dask", "tcp://127.0.0.1:9"]
    )
    assert code == 2 and out == ""
    assert err.startswith("error: --dask tcp://127.0.0.1:9: cannot reach the scheduler")
    assert "'dask scheduler' is running there" in err


@pytest.mark.parametrize("address", ["nonsense", "http://127.0.0.1:80", ""])
def test_a_malformed_address_is_one_line(tmp_path: Path, address: str) -> None:
    code, _, err, _ = run_in(make_tree(tmp_path), ["fix", *LEXICON, "docs", "--dask", address])
    assert code == 2 and err.startswith(f"error: --dask {address}: not a scheduler address")
    assert "e.g. tcp://HOST:8786" in err and "Traceback" not in err


def test_a_scheduler_without_workers_says_how_to_start_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cleanup_dask, "CONNECT_TIMEOUT_S", 1)
    with distributed.LocalCluster(n_workers=0, dashboard_address=":0") as empty:
        address = empty.scheduler_address
        code, _, err, _ = run_in(make_tree(tmp_path), ["fix", *LEXICON, "docs", "--dask", address])
    assert code == 2 and "the scheduler has no worker" in err
    assert f"dask worker {address} --nthreads 1" in err


def test_workers_that_cannot_load_the_cleaner_say_what_to_install(
    cluster: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fails_there(client: Any, cleaner: Cleaner) -> str:
        raise Exception("ModuleNotFoundError(\"No module named 'cleanup.dask'\")")

    monkeypatch.setattr(cleanup_dask, "register", fails_there)
    address = cluster.scheduler_address
    code, _, err, _ = run_in(make_tree(tmp_path), ["fix", *LEXICON, "docs", "--dask", address])
    assert code == 2 and "the workers cannot load the cleaner (ModuleNotFoundError" in err
    assert "on every worker: python3 -m pip install 'cleanup[dask]'" in err
