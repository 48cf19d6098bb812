"""What the local scan (`auditor.pipeline.scan`) keeps on disk between its stages, so that its
memory does not grow with the items' texts and sentences: a temporary directory, removed when
the scan ends (also when it fails), holding

- every item's record for alignment (its metadata, item signature and packed form,
  `auditor.stored.pack_item`) in one file, read back by offset; alignment workers read the
  records of their batch from it themselves, so the scan process neither holds the items nor
  sends them through the pool's pipes;
- the sentence index's band keys, one file per band, and each sentence row's item
  (`write_owners`), read back a band at a time by the candidate stage's pool workers
  (`band_pair_codes`) (8 bytes per sentence and band: at 100,000 items some 400 MB that the
  scan process held from the first item to the candidate stage).

The `audit` command unwinds on SIGTERM as on Ctrl-C, so the directory goes then too; a scan
killed outright (SIGKILL) leaves it behind, named `auditor-scan-*` in the system's temporary
directory, and the next scan removes it (`remove_orphans`: its owning process is gone).
"""

from __future__ import annotations

import os
import pickle
import shutil
import socket
import tempfile
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import numpy as np

from auditor import scan_stages as st
from auditor.candidates import bucket_pairs
from auditor.errors import AuditorError
from auditor.model import Article
from auditor.pipeline import ItemFacts
from auditor.settings import Settings

PREFIX = "auditor-scan-"
# The file in a spill directory naming the process that made it.
OWNER = "owner.pid"


def _owner() -> str:
    return f"{socket.gethostname()} {os.getpid()}"


def remove_orphans() -> list[Path]:
    """Remove the spill directories of scans killed outright (SIGKILL): those made on this host
    (a temporary directory may be shared between containers) whose owning process is gone. A
    directory of a live scan, of another host, or of a process this one may not signal, is left
    alone. Returns what was removed."""
    removed = []
    host = socket.gethostname()
    for path in Path(tempfile.gettempdir()).glob(PREFIX + "*"):
        try:
            owner_host, pid = (path / OWNER).read_text().rsplit(" ", 1)
            if owner_host != host:
                continue
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
        except (OSError, ValueError):  # no owner file yet, not ours to signal, not ours at all
            continue
    return removed


class ScanSpill:
    """The scan's temporary directory: item records and band key columns. Use as a context
    manager (or call `close`): the directory and its files are removed on exit."""

    def __init__(self, bands: int) -> None:
        remove_orphans()
        self._dir = tempfile.TemporaryDirectory(prefix=PREFIX)
        self.path = Path(self._dir.name)
        (self.path / OWNER).write_text(_owner())
        self.items_path = str(self.path / "items.bin")
        self._items = open(self.items_path, "wb")  # noqa: SIM115 (closed by close())
        self._band_paths = [self.path / f"band-{b:02d}.u64" for b in range(bands)]
        self._bands = [open(p, "wb") for p in self._band_paths]  # noqa: SIM115 (closed by close())
        self._sizes: list[int] = []
        self._owners: list[np.ndarray] = []
        self.offsets = np.empty(0, dtype=np.int64)  # by input position, once `seal`ed
        self.sizes = np.empty(0, dtype=np.int64)

    def __enter__(self) -> ScanSpill:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def add(self, metas: Sequence[Article], facts: Sequence[ItemFacts], packed: Sequence[bytes]) -> None:
        """Items analysed (`scan_stages.analyse_part`), in input order after those added before."""
        try:
            self._add(metas, facts, packed)
        except OSError as exc:
            raise self._failed(exc) from exc

    def _failed(self, exc: OSError) -> AuditorError:
        """A full disk or a file size limit: one line naming the directory, as for an output."""
        return AuditorError(f"{self.path}: cannot write the scan's temporary files ({exc.strerror or exc})")

    def _add(self, metas: Sequence[Article], facts: Sequence[ItemFacts], packed: Sequence[bytes]) -> None:
        first = len(self._sizes)
        for meta, f, blob in zip(metas, facts, packed, strict=True):
            record = pickle.dumps((meta, f.item_signature, blob), protocol=pickle.HIGHEST_PROTOCOL)
            self._items.write(record)
            self._sizes.append(len(record))
        keys = [f.sentence_keys for f in facts]
        counts = [len(k) for k in keys]
        self._owners.append(np.repeat(np.arange(first, first + len(keys)), counts))
        if sum(counts):
            stacked = np.concatenate([k for k in keys if len(k)])
            for band, out in enumerate(self._bands):
                np.ascontiguousarray(stacked[:, band]).tofile(out)

    def seal(self) -> None:
        """All items are added: the files are complete and records can be found by position."""
        try:
            self._items.close()
            for out in self._bands:
                out.close()
        except OSError as exc:
            raise self._failed(exc) from exc
        self.sizes = np.array(self._sizes, dtype=np.int64)
        self.offsets = np.cumsum(self.sizes) - self.sizes
        self._sizes = []

    def owner_positions(self) -> np.ndarray:
        """Each sentence row's item (input position), in row order."""
        return np.concatenate(self._owners) if self._owners else np.empty(0, dtype=np.int64)

    def band_path(self, band: int) -> str:
        """The file of one band's keys of every sentence row, in row order (`band_pair_codes`)."""
        return str(self._band_paths[band])

    def drop_band(self, band: int) -> None:
        """A band's keys are read: its file goes, so the disk holds less as the stage goes on."""
        self._band_paths[band].unlink(missing_ok=True)

    def write_owners(self, owners: np.ndarray) -> str:
        """Saves each sentence row's item (as the candidate stage numbers items) for
        `band_pair_codes`, which reads it in a pool worker; returns the file's path."""
        path = self.path / "owners.npy"
        try:
            np.save(path, owners)
        except OSError as exc:
            raise self._failed(exc) from exc
        return str(path)

    def items(self, ranks: np.ndarray, positions: np.ndarray, firsts: np.ndarray) -> SpilledItems:
        """Where alignment finds the records of the items `ranks` (at input `positions`, with
        their signature groups' `firsts`)."""
        return SpilledItems(self.items_path, ranks, firsts, self.offsets[positions], self.sizes[positions])

    def close(self) -> None:
        for out in (self._items, *self._bands):
            with suppress(OSError):  # a failed flush was reported by add() or seal()
                out.close()
        self._dir.cleanup()


def band_pair_codes(band_path: str, owners_path: str, max_owners: int) -> np.ndarray:
    """One band's colliding sentence rows (`candidates.bucket_pairs`) as codes `i * m + j`
    (rows i < j, m rows in all), from the spill's files: the candidate stage's bands run in the
    alignment pool, which has started and would wait for the stage otherwise."""
    owners = np.load(owners_path)
    local = bucket_pairs(np.fromfile(band_path, dtype=np.uint64), owners, max_owners)
    return local[:, 0] * np.int64(len(owners)) + local[:, 1]


@dataclass(frozen=True, eq=False)
class SpilledItems:
    """Some items' records in a `ScanSpill`: what an alignment batch is sent instead of them."""

    path: str
    ranks: np.ndarray
    firsts: np.ndarray
    offsets: np.ndarray
    sizes: np.ndarray

    def records(self) -> dict[int, st.ItemRecord]:
        out = {}
        fd = os.open(self.path, os.O_RDONLY)
        try:
            columns = (self.ranks.tolist(), self.firsts.tolist(), self.offsets.tolist(), self.sizes.tolist())
            for rank, first, offset, size in zip(*columns, strict=True):
                meta, signature, packed = pickle.loads(os.pread(fd, size, offset))
                out[rank] = st.ItemRecord(meta, signature, first, packed)
        finally:
            os.close(fd)
        return out


def ready() -> None:
    """Nothing: a pool worker that runs it has imported this module, and with it alignment's
    (`BatchRunner.start`)."""


def align_spilled(
    codes: np.ndarray, flags: np.ndarray, items: SpilledItems, n_items: int, settings: Settings
) -> st.Aligned:
    """`scan_stages.align_pairs` with the items' records read from the spill."""
    return st.align_pairs(codes, flags, items.records(), n_items, settings)
