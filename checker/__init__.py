"""govedu-check: checks Chinese education bureaus' work reports against policy packs."""
__version__ = "0.1.0"
