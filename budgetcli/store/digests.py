"""The digests the store is keyed and checked by (BLAKE2): a result's key, an entry's checksum.

Apart from ``cache`` (which writes and reads the files) because every stage of a load makes
keys: the folder's, the context's, each file's.
"""

from __future__ import annotations

try:  # hashlib's own BLAKE2, without hashlib loading OpenSSL's (3 ms of every start-up)
    from _blake2 import blake2b
except ImportError:  # a Python built without it: hashlib's, whichever it has
    from hashlib import blake2b

__all__ = ["blake2b", "checksum", "digest"]


def digest(*parts: bytes) -> bytes:
    """The 32-byte key of ``parts`` (each one's length is hashed with it: no two ways of
    cutting the same bytes give the same key)."""
    h = blake2b(digest_size=32)
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.digest()


def checksum(content: bytes | memoryview) -> bytes:
    """The 16-byte digest of ``content``: an entry's checksum, a proposal's mark."""
    return blake2b(content, digest_size=16).digest()
