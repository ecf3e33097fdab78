"""The per-user cache folder: jieba's dictionary buckets, loaded packs, valid-pack markers, regexes.

Every file in it is named by what it was made from (a pack's bytes and the checking code, a
jieba installation), so each new pack text, checker version or virtual environment adds files
and none is ever reused once those change. Left alone the folder only grows — a developer's
reached 750 MB in two days (1,218 loaded-pack files, 24 copies of the 7.5 MB dictionary) — so
each family keeps its newest files and the writer of a new one deletes the oldest (:func:`prune`),
as pip and uv bound their caches. A file deleted under another process is a cache miss there:
that run makes it again.
"""
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


def prune(folder: Path, pattern: str, keep: int, spare: Optional[Path] = None) -> int:
    """Delete the oldest files of ``folder`` matching ``pattern`` (by modification time) so that
    at most ``keep`` remain, never ``spare`` (the file just written) nor another user's file;
    returns how many were deleted. Errors are ignored: a file another process deleted first, a
    file Windows keeps open, a folder that cannot be listed."""
    try:
        found = []
        for path in folder.glob(pattern):
            try:
                st = path.lstat()
            except OSError:
                continue
            if path != spare and (not hasattr(os, "getuid") or st.st_uid == os.getuid()):
                found.append((st.st_mtime_ns, path))
    except OSError:
        return 0
    excess = len(found) - (keep - (spare is not None))
    deleted = 0
    for _, path in sorted(found)[:max(0, excess)]:
        try:
            path.unlink()
            deleted += 1
        except OSError:
            pass
    return deleted


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
