"""Writing what a command produced: to standard output, or to an ``--output`` file atomically."""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Optional

import typer

from .exitcodes import USAGE_ERROR


def fail(message: str) -> "typer.Exit":
    """One line on stderr, exit code 2: how every error a user can cause ends."""
    typer.echo(f"govedu-check: {message}", err=True)
    return typer.Exit(USAGE_ERROR)


def write_output(text: str, output: Optional[Path]) -> None:
    """Print, or write ``output`` atomically (temporary file in the same folder, then rename)."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = AtomicOutput(output)
    fh = target.open()
    try:
        fh.write(text)
    except BaseException as exc:
        target.discard(exc)
        raise
    target.commit()


class AtomicOutput:
    """An ``--output`` file written to a temporary file in its folder and renamed when complete.

    Readers never see half a file, and a run that fails or is interrupted leaves the old file
    (or none) in place. Write errors end in the usual one line and exit code 2.
    """

    def __init__(self, output: Path):
        self.output = output
        folder = output.parent if str(output.parent) else Path(".")
        if not folder.is_dir():
            raise fail(f"{output}: the folder {folder} does not exist; create it or choose another --output")
        self.folder = folder
        self._tmp: Optional[str] = None
        self._fh = None

    def open(self):
        try:
            fd, self._tmp = tempfile.mkstemp(prefix=f".{self.output.name}.", dir=self.folder)
        except OSError as err:
            raise self._cannot_write(err) from None
        self._fh = os.fdopen(fd, "w", encoding="utf-8")
        return self._fh

    def commit(self) -> None:
        try:
            self._fh.close()
            # mkstemp makes the file private (0600); an output is meant to be shared like any file
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(self._tmp, 0o666 & ~umask)
            os.replace(self._tmp, self.output)
        except OSError as err:
            self.discard(err)
            raise self._cannot_write(err) from None

    def discard(self, cause: Optional[BaseException] = None) -> None:
        """Drop the temporary file; a write error (``cause``) becomes the one-line message."""
        try:
            self._fh.close()
        except OSError:
            pass
        Path(self._tmp).unlink(missing_ok=True)
        if isinstance(cause, OSError):
            raise self._cannot_write(cause) from None

    def _cannot_write(self, err: OSError) -> "typer.Exit":
        return fail(f"{self.output}: cannot write ({err.strerror or err})")


def _indent(text: str, prefix: str) -> str:
    """``text`` with ``prefix`` before every line but the first (json.dumps nests that way).

    Safe on json.dumps output: a line break inside a JSON string is written as the escape ``\\n``.
    """
    return text.replace("\n", "\n" + prefix)


class JsonReports:
    """The JSON document written as ``json.dumps(doc, ensure_ascii=False, indent=2) + "\\n"`` would
    write it, with the ``reports`` list filled one report at a time.

    Nothing is written before the first report, so a run that checks no report prints nothing;
    an ``--output`` file is put in place only when :meth:`finish` has completed it.
    """

    def __init__(self, output: Optional[Path], head: dict):
        self._target = AtomicOutput(output) if output is not None else None
        self._head = head
        self._fh = None
        self._count = 0
        self._done = False

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        if self._fh is None or self._target is None:
            return False
        if exc is None and self._done:
            self._target.commit()
        else:
            self._target.discard(exc)
        return False

    @staticmethod
    def _item(key: str, value) -> str:
        import json

        return f"  {json.dumps(key)}: " + _indent(json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False), "  ")

    def _write(self, text: str) -> None:
        if self._fh is None:
            self._fh = self._target.open() if self._target is not None else sys.stdout
            keys = list(self._head)
            before = keys[:keys.index("reports")]
            self._fh.write("{\n" + "".join(self._item(k, self._head[k]) + ",\n" for k in before)
                           + '  "reports": [\n')
        self._fh.write(text)

    def add(self, report: dict) -> None:
        import json

        text = "    " + _indent(json.dumps(report, ensure_ascii=False, indent=2, allow_nan=False), "    ")
        self._write(text if self._count == 0 else ",\n" + text)
        self._count += 1

    def finish(self, doc: dict) -> None:
        """Close the list and write what follows it (errors, warnings); nothing if no report came."""
        if self._fh is None:
            return
        keys = list(doc)
        after = keys[keys.index("reports") + 1:]
        self._fh.write("\n  ]" + "".join(",\n" + self._item(k, doc[k]) for k in after) + "\n}\n")
        self._fh.flush()
        self._done = True
