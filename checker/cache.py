"""The per-user cache folder: jieba's dictionary buckets and the valid-pack markers live there."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional


def cache_dir() -> Optional[Path]:
    """Per-user cache folder (``GOVEDU_CHECK_CACHE_DIR`` overrides it), as ruff and pip keep theirs."""
    if os.environ.get("GOVEDU_CHECK_NO_CACHE"):
        return None
    override = os.environ.get("GOVEDU_CHECK_CACHE_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "govedu-check" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "govedu-check"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    # The XDG spec: a relative path in $XDG_CACHE_HOME is invalid and must be ignored (it would
    # put the cache in whatever folder the checker happens to run from).
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "govedu-check"


def write_atomically(path: Path, data: bytes, prefix: str) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed over it, so another process
    reads the old file or the new one, never half of one. Raises OSError; the caller decides."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
