"""Field encryption at rest (AES-256-GCM) with a keyed blind index for lookups.

Keys come from settings.FIELD_ENCRYPTION_KEYS, a list of ``id:base64key``; the
first encrypts, all decrypt, so keys rotate by putting a new one first and
re-saving (``manage.py rotate_field_keys``). The blind index is an HMAC-SHA256
of the normalised value with BLIND_INDEX_KEY, so duplicates are found without
decrypting.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.db import models

PREFIX = "enc:"


@functools.cache
def _keyring(keys: tuple[str, ...]) -> tuple[str, dict[str, AESGCM]]:
    ring: dict[str, AESGCM] = {}
    first = None
    for item in keys:
        key_id, _, b64 = item.partition(":")
        raw = base64.b64decode(b64)
        if len(raw) not in (16, 24, 32):
            raw = hashlib.sha256(raw).digest()
        ring[key_id] = AESGCM(raw)
        first = first or key_id
    if not first:
        raise RuntimeError("no field encryption key configured")
    return first, ring


def _ring():
    return _keyring(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(plaintext: str) -> str:
    key_id, ring = _ring()
    nonce = os.urandom(12)
    ct = ring[key_id].encrypt(nonce, plaintext.encode("utf-8"), key_id.encode())
    return f"{PREFIX}{key_id}:{base64.b64encode(nonce + ct).decode()}"


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        return stored
    key_id, _, b64 = stored[len(PREFIX):].partition(":")
    _, ring = _ring()
    blob = base64.b64decode(b64)
    return ring[key_id].decrypt(blob[:12], blob[12:], key_id.encode()).decode("utf-8")


def key_id_of(stored: str) -> str:
    return stored[len(PREFIX):].partition(":")[0] if stored.startswith(PREFIX) else ""


def blind_index(value: str) -> str:
    normalised = value.strip().upper()
    return hmac.new(settings.BLIND_INDEX_KEY.encode(), normalised.encode(), hashlib.sha256).hexdigest()


def mask_value(value: str | None, style: str = "middle") -> str:
    """``110***********1234`` for ID numbers, ``138****5678`` for mobiles."""
    if not value:
        return ""
    if style == "all":
        return "******"
    if len(value) <= 4:
        return "*" * len(value)
    head = 3
    tail = 4 if len(value) > 8 else 1
    return value[:head] + "*" * (len(value) - head - tail) + value[-tail:]


class EncryptedTextField(models.TextField):
    """Stores ciphertext; the Python value is the plain string.

    Never filter on it: filter on its blind-index companion instead.
    """

    def __init__(self, *args, mask: str = "middle", **kwargs):
        self.mask = mask
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.mask != "middle":
            kwargs["mask"] = self.mask
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value)
