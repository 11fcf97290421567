"""Cleaning on a Dask cluster (``dask.distributed``; the optional extra ``cleanup[dask]``).

For Python, with the settings resolved where you call them (the client):

* ``clean_bag(bag)``: a ``dask.bag`` of texts, or of ``(key, text)`` pairs, cleaned: each
  text becomes ``{"cleaned": text, "edits": [record, ...]}`` (pairs keep their key);
* ``clean_column(column)``: a ``dask.dataframe`` or pandas column of texts, cleaned: a
  data frame with the same index and the columns ``cleaned`` and ``edits``;
* ``clean_texts(texts, cleaner)``: what both run on each partition (a pandas series in, a
  data frame out), also usable as is, e.g. inside Spark's ``mapInPandas``.

The edit records are those of ``cleanup fix --format json``. A cleaner is built once per
worker, not once per task: with a distributed client, a worker plugin (``register``)
carries a pickled ``Cleaner`` (settings, lexicons, ignore list, related documents'
mentions: the workers need none of the client's files) and each worker builds its
resources from its own cache folder on first use. Without one (dask's local
schedulers, pandas), each process keeps the last cleaner it was handed. Cleaning holds
Python's global lock, so give workers one thread each (``--nthreads 1``) and as many
processes as cores; a cleaner is used by one thread at a time.

For the command line, ``clean_files`` is ``cleanup fix --dask ADDRESS``: this process
reads the files (and their review decisions), sends them in batches, and gets the
results back to write itself, so the cluster needs no shared file system.
"""

from __future__ import annotations

import hashlib
import pickle
import threading
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

try:
    import distributed
    import pandas
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError as missing:  # pragma: no cover (the extra is installed where it is used)
    raise ImportError(
        f"{missing.name} is not installed: cleaning on Dask needs the optional extra; "
        "install it with: python3 -m pip install 'cleanup[dask]'"
    ) from missing

from cleanup._version import __version__
from cleanup.cleaner import Cleaner, default_cleaner
from cleanup.decisions import SidecarError
from cleanup.decisions.honour import load_sidecar
from cleanup.decisions.sidecar import Sidecar
from cleanup.document import Document
from cleanup.io.batch import Outcome, read
from cleanup.io.discovery import InputFile
from cleanup.pipeline import Result
from cleanup.report.records import edit_record
from cleanup.settings import Settings
from cleanup.textio import InputError, SourceText

BATCH_BYTES = 64 * 1024  # text per task on the command line: about a second of work
IN_FLIGHT = 4  # batches per worker sent ahead of the results
CONNECT_TIMEOUT_S = 10  # how long to try reaching the scheduler
_LOCK = threading.Lock()  # one thread at a time per cleaner in this process
_kept: dict[str, Cleaner] = {}  # without a client: this process's last cleaner (one)


class CleanerPlugin(WorkerPlugin):
    """A worker plugin carrying one cleaner to every worker (built there once)."""

    idempotent = True  # registering the same cleaner again changes nothing

    def __init__(self, cleaner: Cleaner) -> None:
        self.cleaner = cleaner

    def teardown(self, worker: Any) -> None:
        self.cleaner.close()


def cleaner_name(cleaner: Cleaner) -> str:
    """The plugin name of ``cleaner``: a key of what it is made of."""
    return "cleanup-" + hashlib.sha256(pickle.dumps(cleaner)).hexdigest()[:16]


def register(client: Any, cleaner: Cleaner) -> str:
    """Send ``cleaner`` to every worker of ``client`` (and to workers that join later);
    returns its plugin name. Registering it again does nothing."""
    name = cleaner_name(cleaner)
    client.register_plugin(CleanerPlugin(cleaner), name=name)
    return name


def _client() -> Any:
    """The current distributed client, or None."""
    try:
        return distributed.get_client()
    except ValueError:
        return None


def _this_worker() -> Any:
    """The distributed worker running this task, or None."""
    try:
        return distributed.get_worker()
    except ValueError:
        return None


def _prepare(cleaner: Cleaner | None) -> tuple[str, Cleaner | None]:
    """The cleaner's name, and the cleaner itself when tasks must carry it (no client)."""
    chosen = cleaner if cleaner is not None else default_cleaner()
    client = _client()
    if client is not None:
        return register(client, chosen), None
    return cleaner_name(chosen), chosen


def _cleaner_for(name: str, carried: Cleaner | None) -> Cleaner:
    """In a task: the worker's cleaner ``name`` (its plugin's), or the one carried."""
    worker = _this_worker()
    if worker is not None and name in worker.plugins:
        return cast(CleanerPlugin, worker.plugins[name]).cleaner
    if carried is None:
        raise RuntimeError(
            f"no cleaner {name} on this worker; call cleanup.dask.register(client, cleaner)"
        )
    if name not in _kept:
        _kept.clear()
        _kept[name] = carried
    return _kept[name]


MISSING: dict[str, Any] = {"cleaned": None, "edits": []}


def cleaned_record(cleaner: Cleaner, text: str | None) -> dict[str, Any]:
    """``{"cleaned": the cleaned text, "edits": the edit records}`` of one text; a missing
    value (None, NaN: anything not a string) stays missing, with no edits."""
    if not isinstance(text, str):
        return dict(MISSING)
    result = cleaner.run(text)
    return {"cleaned": result.output, "edits": [edit_record(e, text) for e in result.edits]}


def _clean_item(cleaner: Cleaner, item: Any) -> Any:
    if isinstance(item, str):
        return cleaned_record(cleaner, item)
    key, text = item
    return (key, cleaned_record(cleaner, text))


def _clean_partition(items: Iterable[Any], name: str, carried: Cleaner | None) -> list[Any]:
    cleaner = _cleaner_for(name, carried)
    with _LOCK:
        return [_clean_item(cleaner, item) for item in items]


def clean_bag(bag: Any, cleaner: Cleaner | None = None) -> Any:
    """A bag of texts or ``(key, text)`` pairs, cleaned (see the module docstring), lazily.

    ``cleaner``: default, the one ``cleanup.clean`` uses (the nearest config file). With
    a distributed client it is registered on the workers first (``register``).
    """
    name, carried = _prepare(cleaner)
    return bag.map_partitions(_clean_partition, name, carried)


def _frame(records: Sequence[dict[str, Any]], index: Any) -> Any:
    cleaned = pandas.Series([r["cleaned"] for r in records], index=index, dtype=object)
    edits = pandas.Series([r["edits"] for r in records], index=index, dtype=object)
    return pandas.DataFrame({"cleaned": cleaned, "edits": edits})


def _clean_series(texts: Any, name: str, carried: Cleaner | None) -> Any:
    cleaner = _cleaner_for(name, carried)
    with _LOCK:
        records = [cleaned_record(cleaner, text) for text in texts]
    return _frame(records, texts.index)


def clean_texts(texts: Any, cleaner: Cleaner) -> Any:
    """A pandas series of texts cleaned: a data frame (same index) with ``cleaned`` and
    ``edits``. In a worker process, ``cleaner`` is built once and kept for later calls."""
    return _clean_series(texts, cleaner_name(cleaner), cleaner)


def clean_column(column: Any, cleaner: Cleaner | None = None) -> Any:
    """A column of texts cleaned: for a ``dask.dataframe`` series, a dask data frame with
    ``cleaned`` and ``edits`` (lazily); for a pandas series, a pandas data frame, now."""
    if isinstance(column, pandas.Series):
        return clean_texts(column, cleaner if cleaner is not None else default_cleaner())
    name, carried = _prepare(cleaner)
    meta = _frame([], pandas.Index([], dtype=column.index.dtype))
    return column.map_partitions(_clean_series, name, carried, meta=meta)


# --- the command line: cleanup fix --dask ADDRESS -----------------------------------------

# One input as the client sends it: its document and review decisions.
Sent = tuple[Document, Sidecar | None]


def _clean_batch(name: str, batch: Sequence[Sent]) -> list[Result]:
    """In a worker: clean a batch of documents, honouring their decisions."""
    cleaner = _cleaner_for(name, None)
    with _LOCK:
        try:
            return [cleaner.run_document(doc, sidecar=sidecar) for doc, sidecar in batch]
        finally:
            cleaner.close()


def _prepared(
    item: InputFile, stdin: Callable[[], bytes], settings: Settings | None = None
) -> Outcome | tuple[SourceText, Sent]:
    """Read one input here (in its format and encoding, as ``settings`` say): its text and
    decisions, or the outcome of an error."""
    try:
        source = read(item, stdin, settings)
    except InputError as exc:
        return Outcome(item, error=str(exc))
    try:
        document = source.document()
        sidecar = load_sidecar(item.path, document.text)
    except SidecarError as exc:
        return Outcome(item, source, error=str(exc))
    return source, (document, sidecar)


def batches(sizes: Sequence[int], limit: int = BATCH_BYTES) -> list[list[int]]:
    """Consecutive indices grouped so each group holds about ``limit`` bytes (at least
    one item each): a task per group keeps the scheduler's cost per file small."""
    groups: list[list[int]] = []
    total = limit
    for index, size in enumerate(sizes):
        if total + size > limit and (not groups or groups[-1]):
            groups.append([])
            total = 0
        groups[-1].append(index)
        total += size
    return groups


@dataclass
class _Sender:
    """Batches on their way to the cluster, read just before they are sent."""

    client: Any
    name: str
    items: Sequence[InputFile]
    stdin: Callable[[], bytes]
    outcomes: dict[int, Outcome]
    sent: dict[Any, list[tuple[int, SourceText]]]
    settings: Settings | None = None

    def send(self, batch: list[int], pending: Any) -> int:
        """Read and send one batch; returns how many of its inputs could not be read."""
        documents: list[tuple[int, SourceText]] = []
        payload: list[Sent] = []
        for index in batch:
            found = _prepared(self.items[index], self.stdin, self.settings)
            if isinstance(found, Outcome):
                self.outcomes[index] = found
            else:
                documents.append((index, found[0]))
                payload.append(found[1])
        if payload:
            future = self.client.submit(_clean_batch, self.name, payload, pure=False)
            self.sent[future] = documents
            pending.add(future)
        return len(batch) - len(documents)

    def receive(self, future: Any) -> int:
        documents = self.sent.pop(future)
        try:
            results: list[Result] = future.result()
        except distributed.KilledWorker as exc:
            for index, source in documents:
                error = f"{self.items[index].name}: the cluster lost its workers ({exc})"
                self.outcomes[index] = Outcome(self.items[index], source, error=error)
            return len(documents)
        for (index, source), result in zip(documents, results, strict=True):
            self.outcomes[index] = Outcome(self.items[index], source, result)
        return len(documents)


class ClusterError(Exception):
    """The cluster cannot be used: the message says why and what to do."""


def connect(address: str) -> Any:
    """A client of the scheduler at ``address`` with at least one worker.

    Raises ``ClusterError`` when ``address`` is malformed, nothing answers there within
    ``CONNECT_TIMEOUT_S``, or the scheduler has no worker by then.
    """
    try:
        client = distributed.Client(address, timeout=f"{CONNECT_TIMEOUT_S}s")
    except ValueError as exc:  # distributed's parsing of the address
        raise ClusterError(
            f"not a scheduler address ({exc}); give the one the scheduler prints, "
            "e.g. tcp://HOST:8786"
        ) from exc
    except OSError as exc:  # refused, unknown host, timed out
        raise ClusterError(
            f"cannot reach the scheduler ({exc}); check the address and that "
            "'dask scheduler' is running there"
        ) from exc
    try:
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT_S)
    except (TimeoutError, OSError) as exc:
        client.close()
        raise ClusterError(
            f"the scheduler has no worker (none joined within {CONNECT_TIMEOUT_S} s); "
            f"start some with: dask worker {address} --nthreads 1"
        ) from exc
    return client


def _register(client: Any, cleaner: Cleaner) -> str:
    """``register``, its failure on the workers a ``ClusterError``."""
    try:
        return register(client, cleaner)
    except Exception as exc:  # raised on a worker (no cleanup there, say), re-raised here
        raise ClusterError(
            f"the workers cannot load the cleaner ({exc}); install this cleanup "
            f"({__version__}) on every worker: python3 -m pip install 'cleanup[dask]'"
        ) from exc


def clean_files(
    items: Sequence[InputFile],
    cleaner: Cleaner,
    address: str,
    stdin: Callable[[], bytes],
    done: Callable[[int], None] | None = None,
) -> list[Outcome]:
    """The outcome of every input, as ``io.batch.clean_one`` gives it, cleaned on the
    cluster whose scheduler is at ``address``; in the inputs' order.

    Raises ``ClusterError`` when ``address`` is no scheduler address, the scheduler
    cannot be reached, or no worker joins it within ``CONNECT_TIMEOUT_S``.
    """
    groups = deque(batches([_size(item) for item in items]))
    progress = done or _ignore
    with connect(address) as client:
        ahead = IN_FLIGHT * max(1, len(client.scheduler_info().get("workers", {})))
        name = _register(client, cleaner)
        sender = _Sender(client, name, items, stdin, {}, {}, cleaner.settings)
        pending = distributed.as_completed()
        while groups and len(sender.sent) < ahead:
            progress(sender.send(groups.popleft(), pending))
        for future in pending:
            progress(sender.receive(future))
            while groups and len(sender.sent) < ahead:
                progress(sender.send(groups.popleft(), pending))
    return [sender.outcomes[index] for index in range(len(items))]


def _ignore(count: int) -> None:
    """No progress to show."""


def _size(item: InputFile) -> int:
    try:
        return item.path.stat().st_size if item.path is not None else 0
    except OSError:
        return 0
