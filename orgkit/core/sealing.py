"""Sealing: authenticated encryption under a key that lives in the environment, never in the
database.

Used where a row must be unreadable to anyone holding only a copy of the database: ballots
while voting is open, and emails that carry a one-time link until they are sent. A sealed blob
is ``version byte ‖ 12-byte nonce ‖ AES-256-GCM ciphertext and tag``. The caller's
``context`` (e.g. ``b"ballot:42"``) is bound in as associated data, so a blob copied into
another row or another election does not open.

Keys: ``ORGKIT_SEALING_KEY`` (32 random bytes, urlsafe base64) when set; otherwise a key
derived from ``SECRET_KEY`` with HKDF, so the embedded default needs no extra setting.
Data keys (``new_data_key``/``wrap_key``) let a caller encrypt under a key of its own and
destroy it later: once the wrapped key is gone, every copy of what it sealed is noise, even to
someone who later obtains the master key.
"""

from __future__ import annotations

import base64
import binascii
import os
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

VERSION = b"\x01"
NONCE_BYTES = 12
KEY_BYTES = 32


class SealError(Exception):
    """A blob that does not open with this key and context: tampered, truncated, moved to
    another row, or sealed under a different key."""


def _decode_key(text: str) -> bytes:
    try:
        key = base64.urlsafe_b64decode(text.strip() + "=" * (-len(text.strip()) % 4))
    except (binascii.Error, ValueError) as exc:
        raise ImproperlyConfigured("ORGKIT_SEALING_KEY is not valid base64.") from exc
    if len(key) != KEY_BYTES:
        raise ImproperlyConfigured(
            f"ORGKIT_SEALING_KEY must decode to {KEY_BYTES} bytes (make one with "
            "`python -c 'import secrets,base64;print(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())'`)."
        )
    return key


def master_key() -> bytes:
    """The key everything else is sealed or wrapped under."""
    configured = os.environ.get("ORGKIT_SEALING_KEY") or getattr(settings, "ORGKIT_SEALING_KEY", "")
    if configured:
        return _decode_key(configured)
    if not settings.SECRET_KEY:
        raise ImproperlyConfigured("Set ORGKIT_SEALING_KEY or SECRET_KEY to seal data.")
    return HKDF(
        algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=b"orgkit sealing key v1"
    ).derive(settings.SECRET_KEY.encode())


def seal_with(key: bytes, plaintext: bytes, *, context: bytes) -> bytes:
    """Encrypt ``plaintext`` under ``key``, bound to ``context``."""
    nonce = secrets.token_bytes(NONCE_BYTES)
    return VERSION + nonce + AESGCM(key).encrypt(nonce, plaintext, context)


def unseal_with(key: bytes, blob: bytes, *, context: bytes) -> bytes:
    """The plaintext of a blob from :func:`seal_with`, or :class:`SealError`."""
    blob = bytes(blob)
    if len(blob) < 1 + NONCE_BYTES + 16 or blob[:1] != VERSION:
        raise SealError("not a sealed blob")
    nonce, body = blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :]
    try:
        return AESGCM(key).decrypt(nonce, body, context)
    except InvalidTag as exc:
        raise SealError("the blob does not open with this key and context") from exc


def seal(plaintext: bytes, *, context: bytes) -> bytes:
    """Encrypt under the master key."""
    return seal_with(master_key(), plaintext, context=context)


def unseal(blob: bytes, *, context: bytes) -> bytes:
    """Decrypt a blob sealed under the master key."""
    return unseal_with(master_key(), blob, context=context)


def new_data_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def wrap_key(key: bytes, *, context: bytes) -> bytes:
    """A data key sealed under the master key, fit to store beside what it protects."""
    return seal(key, context=b"key:" + context)


def unwrap_key(wrapped: bytes, *, context: bytes) -> bytes:
    return unseal(wrapped, context=b"key:" + context)
