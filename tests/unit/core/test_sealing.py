"""Sealing: what is sealed opens only with the same key and context, and says nothing of its
plaintext's length beyond what the caller pads."""

from __future__ import annotations

import base64
import secrets

import pytest
from django.core.exceptions import ImproperlyConfigured

from orgkit.core import sealing


def test_a_sealed_blob_opens_with_its_context_only():
    blob = sealing.seal(b"rank 3 1 2", context=b"ballot:1")
    assert b"rank" not in blob
    assert sealing.unseal(blob, context=b"ballot:1") == b"rank 3 1 2"
    with pytest.raises(sealing.SealError):
        sealing.unseal(blob, context=b"ballot:2")


def test_sealing_twice_gives_different_blobs():
    # A fresh nonce each time: equal ballots must not show up as equal ciphertexts.
    assert sealing.seal(b"same", context=b"c") != sealing.seal(b"same", context=b"c")


def test_a_flipped_bit_or_a_truncated_blob_is_refused():
    blob = bytearray(sealing.seal(b"text", context=b"c"))
    blob[-1] ^= 1
    with pytest.raises(sealing.SealError):
        sealing.unseal(bytes(blob), context=b"c")
    with pytest.raises(sealing.SealError):
        sealing.unseal(bytes(blob[:10]), context=b"c")


def test_a_data_key_wraps_and_unwraps_and_seals_under_itself():
    key = sealing.new_data_key()
    wrapped = sealing.wrap_key(key, context=b"election:7")
    assert key not in wrapped
    assert sealing.unwrap_key(wrapped, context=b"election:7") == key
    blob = sealing.seal_with(key, b"x", context=b"ballot:7")
    assert sealing.unseal_with(key, blob, context=b"ballot:7") == b"x"
    with pytest.raises(sealing.SealError):
        sealing.unseal_with(sealing.new_data_key(), blob, context=b"ballot:7")


def test_the_configured_key_is_used_and_checked(monkeypatch):
    key = secrets.token_bytes(32)
    monkeypatch.setenv("ORGKIT_SEALING_KEY", base64.urlsafe_b64encode(key).decode())
    assert sealing.master_key() == key
    blob = sealing.seal(b"x", context=b"c")
    monkeypatch.setenv(
        "ORGKIT_SEALING_KEY", base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    )
    with pytest.raises(sealing.SealError):
        sealing.unseal(blob, context=b"c")
    monkeypatch.setenv("ORGKIT_SEALING_KEY", "too-short")
    with pytest.raises(ImproperlyConfigured):
        sealing.master_key()
