"""Backup archives sealed with a key from the environment: a streaming AEAD (AES-256-GCM in 1 MiB chunks).

The layout follows the STREAM construction (Hoang, Reyhanitabar, Rogaway, Vizár 2015), as age and Tink's
streaming AEAD do: a per-archive key is derived from the master key and a random salt (HKDF-SHA256); each chunk is
sealed with a nonce made of its counter and a last-chunk flag, and the header is bound to every chunk as associated
data. So a chunk cannot be altered, reordered, dropped or the archive cut short without the tag check failing, and
archives of any size are written and read in constant memory.

    header:  b"UHBK1\\n" | key id (8 bytes) | salt (16 bytes)
    chunk:   length (4 bytes, big-endian) | AES-GCM(plaintext ≤ 1 MiB) with nonce = counter (11 bytes) | last (1 byte)
"""
from __future__ import annotations

import base64
import hashlib
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.utils.translation import gettext as _

from unionhome.core.errors import RuleViolation

MAGIC = b"UHBK1\n"
CHUNK = 1 << 20
HEADER_LEN = len(MAGIC) + 8 + 16


def parse_key(text: str) -> bytes:
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except ValueError as exc:
        raise RuleViolation("backup_key_invalid", _("备份密钥格式不对：应为 base64 编码的 32 字节")) from exc
    if len(key) != 32:
        raise RuleViolation("backup_key_invalid", _("备份密钥格式不对：应为 base64 编码的 32 字节"))
    return key


def key_id(key: bytes) -> bytes:
    return hashlib.sha256(b"unionhome-backup-key-id" + key).digest()[:8]


def _archive_key(key: bytes, salt: bytes) -> AESGCM:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"unionhome-backup-v1").derive(key)
    return AESGCM(derived)


def _nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


class SealingWriter:
    """A write-only file object: what is written is sealed chunk by chunk into ``raw``."""

    def __init__(self, raw, key: bytes, salt: bytes):
        self.raw = raw
        self.header = MAGIC + key_id(key) + salt
        self.aead = _archive_key(key, salt)
        self.buffer = bytearray()
        self.counter = 0
        raw.write(self.header)

    def write(self, data) -> int:
        self.buffer += data
        while len(self.buffer) > CHUNK:  # keep at least one byte back: the last chunk is sealed at close
            self._seal(bytes(self.buffer[:CHUNK]), last=False)
            del self.buffer[:CHUNK]
        return len(data)

    def _seal(self, plaintext: bytes, *, last: bool) -> None:
        sealed = self.aead.encrypt(_nonce(self.counter, last), plaintext, self.header)
        self.raw.write(struct.pack(">I", len(sealed)) + sealed)
        self.counter += 1

    def close(self) -> None:
        self._seal(bytes(self.buffer), last=True)
        self.buffer.clear()

    def flush(self) -> None:
        pass


class OpeningReader:
    """A read-only file object over a sealed archive; every chunk is authenticated before it is returned."""

    def __init__(self, raw, key: bytes):
        self.raw = raw
        header = raw.read(HEADER_LEN)
        if len(header) < HEADER_LEN or not header.startswith(MAGIC):
            raise RuleViolation("backup_not_archive", _("这不是职工之家的备份文件（或文件已损坏）"))
        if header[len(MAGIC):len(MAGIC) + 8] != key_id(key):
            raise RuleViolation("backup_wrong_key", _("备份文件不是用当前的备份密钥加密的：请设置备份时的密钥"))
        self.header = header
        self.aead = _archive_key(key, header[len(MAGIC) + 8:])
        self.counter = 0
        self.pending = b""
        self.finished = False

    def _next_chunk(self) -> None:
        length = self.raw.read(4)
        if len(length) < 4:
            raise RuleViolation("backup_truncated", _("备份文件不完整（被截断），不能恢复"))
        (size,) = struct.unpack(">I", length)
        sealed = self.raw.read(size)
        if len(sealed) < size:
            raise RuleViolation("backup_truncated", _("备份文件不完整（被截断），不能恢复"))
        for last in (False, True):
            try:
                plain = self.aead.decrypt(_nonce(self.counter, last), sealed, self.header)
            except InvalidTag:
                continue
            self.counter += 1
            self.pending += plain
            if last:
                if self.raw.read(1):
                    raise RuleViolation("backup_corrupt", _("备份文件已损坏（结尾后还有数据），不能恢复"))
                self.finished = True
            return
        raise RuleViolation("backup_corrupt", _("备份文件已损坏或被改动（校验失败），不能恢复"))

    def read(self, size: int = -1) -> bytes:
        while not self.finished and (size < 0 or len(self.pending) < size):
            self._next_chunk()
        if size < 0:
            out, self.pending = self.pending, b""
        else:
            out, self.pending = self.pending[:size], self.pending[size:]
        return out
