"""Writing what a command produced: to standard output, or to an ``--output`` file atomically."""
from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Optional

import typer

from .exitcodes import USAGE_ERROR


def fail(message: str) -> "typer.Exit":
    """One line on stderr, exit code 2: how every error a user can cause ends."""
    from ..i18n import localize

    typer.echo(f"govedu-check: {localize(message)}", err=True)
    return typer.Exit(USAGE_ERROR)


def is_stdout(output: Optional[Path]) -> bool:
    """``-o -`` (or no -o) means standard output."""
    return output is None or str(output) == "-"


def _identity(path: str) -> Optional[tuple[int, int]]:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino) if stat.S_ISREG(st.st_mode) else None


def refuse_input_as_output(outputs, inputs) -> None:
    """Fail (exit 2) when an output file is one of the inputs — by name, symlink or hard link
    (the same device and inode), so ``govedu-check draft.txt -o draft.txt`` never replaces the draft."""
    from ..i18n import msg

    known = {}
    for given in inputs:
        ident = _identity(given) if given != "-" else None
        if ident:
            known.setdefault(ident, given)
    for output in outputs:
        if is_stdout(output):
            continue
        ident = _identity(str(output))
        if ident in known:
            typer.echo(f"govedu-check: {msg('output_is_input', output=output, input=known[ident])}", err=True)
            raise typer.Exit(USAGE_ERROR)


def write_output(text, output: Optional[Path]) -> None:
    """Print, or write ``output`` atomically (temporary file in the same folder, then rename).

    ``text`` is a str, or bytes for a binary format (xlsx, an annotated .docx)."""
    binary = isinstance(text, bytes)
    if is_stdout(output):
        if binary:
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
            return
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = AtomicOutput(output)
    fh = target.open(binary=binary)
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
        from ..i18n import msg

        self.output = output
        self.direct = False       # a device, a FIFO or a socket: written in place, never replaced
        self.mode: Optional[int] = None
        try:
            st = os.stat(output)       # follows symlinks: /dev/stdout → /proc/self/fd/1 → a pipe
        except OSError:
            st = None
        target = output
        if st is not None and not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode):
            self.direct = True    # /dev/stdout, /dev/null, a named pipe, a symlink to one of them
        elif st is not None:
            self.mode = stat.S_IMODE(st.st_mode)   # an existing file keeps its permission bits
            if os.path.islink(output):
                target = Path(os.path.realpath(output))   # the link stays; the file it names is replaced
        self.target = target
        folder = target.parent if str(target.parent) else Path(".")
        if not self.direct and not folder.is_dir():
            typer.echo(f"govedu-check: {msg('folder_missing', output=output, folder=folder)}", err=True)
            raise typer.Exit(USAGE_ERROR)
        self.folder = folder
        self._tmp: Optional[str] = None
        self._fh = None

    def open(self, binary: bool = False):
        if self.direct:
            try:
                self._fh = open(self.target, "wb") if binary else open(self.target, "w", encoding="utf-8")
            except OSError as err:
                raise self._cannot_write(err) from None
            return self._fh
        try:
            fd, self._tmp = tempfile.mkstemp(prefix=f".{self.target.name}.", dir=self.folder)
        except OSError as err:
            raise self._cannot_write(err) from None
        self._fh = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8")
        return self._fh

    def commit(self) -> None:
        if self.direct:
            try:
                self._fh.close()
            except OSError as err:
                raise self._cannot_write(err) from None
            return
        try:
            self._fh.close()
            # mkstemp makes the file private (0600); an output is meant to be shared like any file,
            # and a file being replaced keeps the permission bits it had
            if self.mode is not None:
                mode = self.mode
            else:
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask
            os.chmod(self._tmp, mode)
            os.replace(self._tmp, self.target)
        except OSError as err:
            self.discard(err)
            raise self._cannot_write(err) from None

    def discard(self, cause: Optional[BaseException] = None) -> None:
        """Drop the temporary file; a write error (``cause``) becomes the one-line message."""
        try:
            self._fh.close()
        except OSError:
            pass
        if self._tmp:
            Path(self._tmp).unlink(missing_ok=True)
        if isinstance(cause, OSError):
            raise self._cannot_write(cause) from None

    def _cannot_write(self, err: OSError) -> "typer.Exit":
        from ..i18n import msg

        typer.echo(f"govedu-check: {msg('cannot_write', output=self.output, reason=err.strerror or err)}", err=True)
        return typer.Exit(USAGE_ERROR)


class JsonReports:
    """The JSON document written as ``json.dumps(doc, ensure_ascii=False, indent=2) + "\\n"`` would
    write it, with the ``reports`` list filled one report at a time.

    Nothing is written before the first report, so a run that checks no report prints nothing;
    an ``--output`` file is put in place only when :meth:`finish` has completed it.
    """

    def __init__(self, output: Optional[Path], head: dict):
        self._target = AtomicOutput(output) if not is_stdout(output) else None
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

        from ..render.jsontext import dumps

        return f"  {json.dumps(key)}: " + dumps(value, 1)

    def _write(self, text: str) -> None:
        if self._fh is None:
            self._fh = self._target.open() if self._target is not None else sys.stdout
            keys = list(self._head)
            before = keys[:keys.index("reports")]
            self._fh.write("{\n" + "".join(self._item(k, self._head[k]) + ",\n" for k in before)
                           + '  "reports": [\n')
        self._fh.write(text)

    def add(self, report: dict) -> None:
        from ..render.jsontext import dumps

        self.add_text(dumps(report, 2))

    def add_text(self, text: str) -> None:
        """A report already written as ``json_out.report_text`` writes it (in a worker process)."""
        self._write("    " + text if self._count == 0 else ",\n    " + text)
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
