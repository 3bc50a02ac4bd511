"""What a database administrator could read from the raw database files, to try to link voters to ballots.

SQLite: the write-ahead log is a sequence of page images grouped into commits; a vote's commit holds the
participation page with the new voter's row and the ballot page with the slot that voter filled, so diffing each
page against its previous image in the log pairs them. PostgreSQL: every heap tuple carries the id of the
transaction that wrote it (``xmin``) and of the one that replaced it (``xmax``); a ballot row version whose xmin or
xmax is a voter's transaction (the participation row's xmin) names that voter.
"""
from __future__ import annotations

import os
import re
import struct
from pathlib import Path

RECEIPT = re.compile(rb"[0-9A-F]{10}")


# --- SQLite ----------------------------------------------------------------------------------------------------
def _varint(buf: bytes, i: int) -> tuple[int, int]:
    value = 0
    for n in range(9):
        b = buf[i + n]
        if n == 8:
            return (value << 8) | b, i + 9
        value = (value << 7) | (b & 0x7F)
        if not b & 0x80:
            return value, i + n + 1
    raise ValueError


def _record(payload: bytes) -> list:
    header_size, i = _varint(payload, 0)
    types = []
    while i < header_size:
        t, i = _varint(payload, i)
        types.append(t)
    values, j = [], header_size
    sizes = {1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8, 7: 8}
    for t in types:
        if t == 0:
            values.append(None)
        elif t in (8, 9):
            values.append(t - 8)
        elif t in sizes:
            raw = payload[j:j + sizes[t]]
            values.append(raw if t == 7 else int.from_bytes(raw, "big", signed=True))
            j += sizes[t]
        else:
            n = (t - 12) // 2
            raw = payload[j:j + n]
            values.append(raw.decode("utf-8", "replace") if t % 2 else raw)
            j += n
    return values


def sqlite_rows(page: bytes, pgno: int) -> list[tuple[int, list]]:
    """(rowid, values) of a table b-tree leaf page; nothing for any other page."""
    h = 100 if pgno == 1 else 0
    if len(page) <= h or page[h] != 0x0D:
        return []
    count = struct.unpack(">H", page[h + 3:h + 5])[0]
    rows = []
    for k in range(count):
        try:
            off = struct.unpack(">H", page[h + 8 + 2 * k:h + 10 + 2 * k])[0]
            size, i = _varint(page, off)
            rowid, i = _varint(page, i)
            rows.append((rowid, _record(page[i:i + size])))
        except (ValueError, IndexError, struct.error):
            continue
    return rows


def wal_commits(path: str) -> list[dict[int, bytes]]:
    """The WAL's frames grouped into commits (page number → image), in the order they lie in the file."""
    if not os.path.exists(path):
        return []
    data = Path(path).read_bytes()
    if len(data) < 32:
        return []
    page_size = struct.unpack(">I", data[8:12])[0]
    commits, current, at = [], {}, 32
    while at + 24 + page_size <= len(data):
        pgno, commit_size = struct.unpack(">II", data[at:at + 8])
        current[pgno] = data[at + 24:at + 24 + page_size]
        at += 24 + page_size
        if commit_size:
            commits.append(current)
            current = {}
    return commits


def _ballots(rows) -> dict[str, str]:
    """receipt → marks of the ballot rows among ``rows`` (a 32-hex key and a 10-hex receipt)."""
    out = {}
    for _, values in rows:
        texts = [v for v in values if isinstance(v, str)]
        key = [t for t in texts if re.fullmatch(r"[0-9a-f]{32}", t)]
        receipt = [t for t in texts if re.fullmatch(r"[0-9A-F]{10}", t)]
        if key and receipt:
            marks = [t for t in texts if re.fullmatch(r"[FAX]+", t)]
            out[receipt[0]] = marks[0] if marks else ""
    return out


def sqlite_links(db_path: str, *, participation_page: int, columns: list[str], election_id: int) -> dict[int, str]:
    """voter (worker id) → receipt, for every commit in the WAL that adds exactly one participation row of the
    election and fills exactly one ballot. ``columns``: the participation table's columns in storage order."""
    election_at, worker_at = columns.index("election_id"), columns.index("worker_id")
    previous: dict[int, bytes] = {}
    links = {}
    for commit in wal_commits(f"{db_path}-wal"):
        voters, filled = set(), set()
        for pgno, image in commit.items():
            rows = sqlite_rows(image, pgno)
            old = sqlite_rows(previous[pgno], pgno) if pgno in previous else []
            if pgno == participation_page:
                seen = {rowid for rowid, _ in old}
                voters |= {values[worker_at] for rowid, values in rows
                           if rowid not in seen and values[election_at] == election_id}
            before = {r for r, marks in _ballots(old).items() if marks}
            filled |= {r for r, marks in _ballots(rows).items() if marks} - before
            previous[pgno] = image
        if len(voters) == 1 and len(filled) == 1:
            links[voters.pop()] = filled.pop()
    return links


def contains_any(paths, needles: list[bytes]) -> list[bytes]:
    """The needles found in any of the files (missing files hold nothing)."""
    found = []
    blobs = [Path(p).read_bytes() for p in paths if os.path.exists(p)]
    for needle in needles:
        if any(needle in blob for blob in blobs):
            found.append(needle)
    return found


# --- PostgreSQL ------------------------------------------------------------------------------------------------
def pg_tuples(path: str) -> list[tuple[int, int, bytes]]:
    """(xmin, xmax, bytes) of every tuple a line pointer of the heap file points at, dead ones included."""
    out = []
    if not os.path.exists(path):
        return out
    data = Path(path).read_bytes()
    for start in range(0, len(data) - 8191, 8192):
        page = data[start:start + 8192]
        lower = struct.unpack("<H", page[12:14])[0]
        for at in range(24, min(lower, 8192), 4):
            word = struct.unpack("<I", page[at:at + 4])[0]
            off, flags, length = word & 0x7FFF, (word >> 15) & 3, word >> 17
            if flags != 1 or length < 24 or off + length > 8192:
                continue
            xmin, xmax = struct.unpack("<II", page[off:off + 8])
            out.append((xmin, xmax, page[off:off + length]))
    return out


def pg_links(path: str, voter_xids: dict[int, int]) -> dict[int, str]:
    """voter (worker id) → receipt, for ballot row versions written or replaced by a voter's transaction."""
    by_xid = {xid: worker for worker, xid in voter_xids.items()}
    links = {}
    for xmin, xmax, raw in pg_tuples(path):
        receipt = RECEIPT.search(raw[23:])
        if receipt is None:
            continue
        for xid in (xmin, xmax):
            if xid in by_xid:
                links[by_xid[xid]] = receipt.group().decode()
    return links
