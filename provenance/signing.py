"""The Ed25519 key that signs chain checkpoints. It lives in a file outside the
database (``PROVENANCE_SIGNING_KEY``, a PEM path); development and tests generate one
when it is missing (``PROVENANCE_SIGNING_KEY_GENERATE``), production refuses to start
without it (``config/settings/production.py``)."""

import base64
import hashlib
import os
from functools import lru_cache
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def key_path() -> Path:
    return Path(settings.PROVENANCE_SIGNING_KEY)


def generate_key(path: Path) -> None:
    """Write a new private key (PEM, PKCS#8, readable by its owner only)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)


@lru_cache(maxsize=4)
def _load(path: str) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ImproperlyConfigured(f"{path} is not an Ed25519 private key.")
    return key


def private_key() -> Ed25519PrivateKey:
    path = key_path()
    if not path.exists():
        if not getattr(settings, "PROVENANCE_SIGNING_KEY_GENERATE", False):
            raise ImproperlyConfigured(
                f"The provenance signing key {path} is missing (PROVENANCE_SIGNING_KEY)."
            )
        try:
            generate_key(path)
        except FileExistsError:
            pass
    return _load(str(path))


def public_key() -> Ed25519PublicKey:
    return private_key().public_key()


def public_key_raw() -> bytes:
    return public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_key_pem() -> str:
    return (
        public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode("ascii")
    )


def key_id() -> str:
    """SHA-256 of the raw public key, hex: names the key in each checkpoint."""
    return hashlib.sha256(public_key_raw()).hexdigest()


def sign(data: bytes) -> str:
    return base64.b64encode(private_key().sign(data)).decode("ascii")


def verify(data: bytes, signature: str, key: Ed25519PublicKey | None = None) -> bool:
    try:
        (key or public_key()).verify(base64.b64decode(signature), data)
    except (InvalidSignature, ValueError):
        return False
    return True
