"""Public-site views of certification: practice logs, certificates, verification."""
