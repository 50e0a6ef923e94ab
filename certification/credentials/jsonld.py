"""JSON-LD canonicalization (RDFC-1.0) with contexts vendored in this repository only.

Signing and verifying must never touch the network: a remote context could change (or be
swapped by an attacker) and with it what a signature means. The document loader serves the
files in ``contexts/`` and refuses every other URL, and canonicalization runs in "safe mode":
a property that the contexts do not define raises instead of being silently dropped (the
credentials v2 context has no ``@vocab``), so nothing unsigned can hide in a signed document.
"""

import json
import threading
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path

from cachetools import LRUCache
from pyld import jsonld
from pyld.context_resolver import ContextResolver

CONTEXTS_DIR = Path(__file__).resolve().parent / "contexts"
CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2"
OPEN_BADGES_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CONTEXT_FILES = {
    CREDENTIALS_V2: "credentials-v2.jsonld",
    OPEN_BADGES_V3: "ob-context-3.0.3.json",
}

Loader = Callable[[str, dict], dict]


class CanonicalizationError(ValueError):
    """The document cannot be canonicalized safely (unknown context or undefined term)."""


@cache
def _context(filename: str) -> dict:
    return json.loads((CONTEXTS_DIR / filename).read_text(encoding="utf-8"))


def static_loader(documents: Mapping[str, Callable[[], dict]]) -> Loader:
    """A pyld document loader that answers from ``documents`` only and refuses any other URL."""

    def load(url: str, options: dict | None = None) -> dict:
        if url not in documents:
            raise CanonicalizationError(f"refusing to load {url}: not a vendored context")
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": documents[url](),
        }

    return load


document_loader = static_loader(
    {url: (lambda name=name: _context(name)) for url, name in CONTEXT_FILES.items()}
)
# Resolved contexts, cached per loader (so one loader never sees what another loaded) and per
# thread (cachetools caches are not thread-safe).
_local = threading.local()


def _refuse_dropped(term) -> None:
    raise CanonicalizationError(f"the term {term!r} is not defined by the document's contexts")


def canonicalize(document: dict, *, loader: Loader = document_loader) -> str:
    """The RDFC-1.0 (URDNA2015) canonical N-Quads of a JSON-LD document, in safe mode."""
    caches = _local.__dict__.setdefault("caches", {})
    cache_ = caches.setdefault(id(loader), LRUCache(maxsize=20))
    options = {
        "algorithm": "URDNA2015",
        "format": "application/n-quads",
        "documentLoader": loader,
        "contextResolver": ContextResolver(cache_, loader),
    }
    try:
        processor = jsonld.JsonLdProcessor(on_property_dropped=_refuse_dropped)
        return processor.normalize(document, options)
    except jsonld.JsonLdError as error:
        cause = error
        while cause is not None:
            if isinstance(cause, CanonicalizationError):
                raise cause from error
            cause = cause.__cause__ or getattr(cause, "cause", None)
        raise CanonicalizationError(str(error)) from error
