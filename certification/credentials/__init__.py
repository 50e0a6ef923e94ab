"""Open Badges 3.0 / W3C Verifiable Credentials for certificates (docs/credentials.md).

``documents`` builds and signs what we publish, ``verify`` checks a credential as an outside
verifier would; ``proofs``, ``jsonld``, ``multibase``, ``keys`` and ``status`` are the parts.
"""
