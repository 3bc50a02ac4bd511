"""The archive seal: what goes in comes out, and any change, reordering or cut is caught."""
import io
import struct

import pytest

from unionhome.backups.sealing import CHUNK, HEADER_LEN, OpeningReader, SealingWriter
from unionhome.core.errors import RuleViolation

KEY = bytes(range(32))


def seal(data: bytes) -> bytes:
    out = io.BytesIO()
    writer = SealingWriter(out, KEY, b"s" * 16)
    for start in range(0, len(data), 70000):
        writer.write(data[start:start + 70000])
    writer.close()
    return out.getvalue()


def open_all(sealed: bytes) -> bytes:
    return OpeningReader(io.BytesIO(sealed), KEY).read()


@pytest.mark.parametrize("size", [0, 1, CHUNK, CHUNK + 1, 3 * CHUNK + 17])
def test_round_trip(size):
    data = bytes(i % 251 for i in range(size))
    assert open_all(seal(data)) == data


def _chunks(sealed: bytes) -> list[bytes]:
    chunks, pos = [], HEADER_LEN
    while pos < len(sealed):
        (size,) = struct.unpack(">I", sealed[pos:pos + 4])
        chunks.append(sealed[pos:pos + 4 + size])
        pos += 4 + size
    return chunks


def test_reordered_or_dropped_chunks_are_caught():
    sealed = seal(bytes(3 * CHUNK + 5))
    header, chunks = sealed[:HEADER_LEN], _chunks(sealed)
    assert len(chunks) == 4
    with pytest.raises(RuleViolation):
        open_all(header + chunks[1] + chunks[0] + chunks[2] + chunks[3])
    with pytest.raises(RuleViolation) as err:  # the last chunk dropped: the stream ends without its final flag
        open_all(header + b"".join(chunks[:3]))
    assert err.value.code == "backup_truncated"


def test_another_key_is_named_as_such():
    with pytest.raises(RuleViolation) as err:
        OpeningReader(io.BytesIO(seal(b"x")), bytes(32)).read()
    assert err.value.code == "backup_wrong_key"
