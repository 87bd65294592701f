"""Writing files all or nothing: every command that writes files (``render``, ``render all``,
``demo --out``, ``export``, ``backup``, ``meeting ics``, ``network status --out``) goes through
:class:`Staging` or :func:`write_files`.

Each new file is first written, completely, under a temporary name in a hidden folder beside
its target (``DIR/.nybureau-XXXX.tmp/``, on the same file system, so moving it is a rename).
Only when every file is complete are they moved into place; a file that is replaced is kept
aside until all moves have succeeded and put back if one fails. On any failure (a full disk,
a file-size limit, no permission) everything written is removed and a clear refusal says so:
files already in the folder that are not part of the batch are never touched, and a file that
would have been replaced keeps its old content. Folders created for the batch are removed
again when nothing ends up in them.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

from nybureau.errors import InvalidInput
from nybureau.i18n import Msg

_PREFIX = ".nybureau-"
_SUFFIX = ".tmp"

# Why writing failed, in Danish (``strerror`` is English)
_DA = {
    errno.ENOSPC: "der er ikke mere plads på disken",
    errno.EDQUOT: "diskkvoten er brugt op",
    errno.EFBIG: "filen er større end den største tilladte filstørrelse",
    errno.EACCES: "adgang nægtet",
    errno.EPERM: "handlingen er ikke tilladt",
    errno.EROFS: "filsystemet er skrivebeskyttet",
    errno.ENAMETOOLONG: "navnet er for langt",
    errno.ENOTDIR: "en del af stien er ikke en mappe",
    errno.EISDIR: "stien er en mappe",
    errno.EIO: "ind-/uddatafejl",
}


def _reason(exc: OSError) -> tuple[str, str]:
    en = exc.strerror or type(exc).__name__
    return en, _DA.get(exc.errno, en)


def write_failed(target: Path | str, exc: OSError) -> InvalidInput:
    """The refusal for a batch that could not be written: what, why, and that nothing was."""
    en, da = _reason(exc)
    return InvalidInput(
        Msg("Could not write '{target}': {en_}. Nothing was written (what was begun has been "
            "removed, and files already there are unchanged). Free some space or choose another "
            "place, and try again.", target=target, en_=en, da_=da))


def _write(fd: int, data: bytes) -> None:
    """Write all of ``data`` to ``fd`` (the one place bytes reach a file; tests inject faults
    here)."""
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class Staging:
    """A batch of files written all or nothing::

        with Staging() as batch:
            batch.write(Path("out/a.md"), b"...")
            tmp = batch.path(Path("out/b.db"))  # for a writer that needs a path
            make_copy(tmp)
        # here every file is in place, or none is (and the error says so)

    Leaving the block without an exception commits; an exception discards everything. An
    ``OSError`` while writing or committing becomes an :class:`InvalidInput` naming the file."""

    def __init__(self) -> None:
        self._staged: dict[Path, Path] = {}  # target -> its complete temporary file
        self._tmpdirs: dict[Path, Path] = {}  # target folder -> hidden temporary folder
        self._created: list[Path] = []  # folders made for the batch (outermost first)

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, kind, exc, tb) -> bool:
        if kind is None:
            self.commit()
            return False
        self.discard()
        if isinstance(exc, OSError):
            raise write_failed(getattr(exc, "nybureau_target", None) or exc.filename
                               or "?", exc) from None
        return False

    # -- staging -----------------------------------------------------------------------------
    def _folder(self, target: Path) -> Path:
        # a device or pipe is written into, not renamed over: its content waits in the system's
        # temporary folder, not beside it (in /dev)
        folder = Path(tempfile.gettempdir()) if _is_special(target) else target.parent
        tmp = self._tmpdirs.get(folder)
        if tmp is None:
            missing = []
            f = folder
            while not f.exists():
                missing.append(f)
                if f.parent == f:
                    break
                f = f.parent
            for f in reversed(missing):
                f.mkdir()
                self._created.append(f)
            tmp = self._tmpdirs[folder] = Path(tempfile.mkdtemp(prefix=_PREFIX, suffix=_SUFFIX,
                                                                dir=folder))
        return tmp

    def path(self, target: Path | str) -> Path:
        """A temporary path for ``target`` (absent; the caller writes it completely)."""
        target = Path(target)
        if target in self._staged:
            return self._staged[target]
        try:
            tmp = self._folder(target) / f"{len(self._staged)}-{target.name}"[:200]
        except OSError as exc:
            exc.nybureau_target = target
            raise
        self._staged[target] = tmp
        return tmp

    def write(self, target: Path | str, data: bytes) -> None:
        """Stage ``data`` as the new content of ``target``."""
        target = Path(target)
        tmp = self.path(target)
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
            try:
                _write(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            exc.nybureau_target = target
            raise

    # -- the end -----------------------------------------------------------------------------
    def commit(self) -> None:
        """Move every staged file into place; on a failure put everything back as it was."""
        moved: list[tuple[Path, Path | None]] = []  # (target, its old content kept aside)
        special: list[tuple[Path, Path]] = []  # a device or pipe (/dev/null …): written into
        try:
            for i, (target, tmp) in enumerate(self._staged.items()):
                if not tmp.exists():
                    raise FileNotFoundError(errno.ENOENT, "the file was not written", str(tmp))
                if _is_special(target):
                    special.append((target, tmp))  # never renamed over: it is not a file
                    continue
                aside = None
                if target.exists() or target.is_symlink():
                    if target.is_dir():
                        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR),
                                                str(target))
                    aside = tmp.with_name(f"old-{i}")
                    os.replace(target, aside)
                moved.append((target, aside))
                os.replace(tmp, target)
        except OSError as exc:
            for target, aside in reversed(moved):
                try:
                    if aside is not None:
                        os.replace(aside, target)
                    else:
                        target.unlink(missing_ok=True)
                except OSError:
                    pass
            self.discard()
            exc.nybureau_target = exc.filename or target
            raise write_failed(target, exc) from None
        for target, tmp in special:  # after every file is in place
            try:
                with open(target, "wb") as out:
                    out.write(tmp.read_bytes())
            except OSError as exc:
                self._cleanup(keep_created=True)
                raise write_failed(target, exc) from None
        for folder in self._tmpdirs:
            _fsync_dir(folder)
        self._cleanup(keep_created=True)

    def discard(self) -> None:
        """Remove everything staged (and the folders made for it)."""
        self._cleanup(keep_created=False)

    def _cleanup(self, keep_created: bool) -> None:
        for tmp in self._tmpdirs.values():
            shutil.rmtree(tmp, ignore_errors=True)
        self._tmpdirs.clear()
        self._staged.clear()
        if not keep_created:
            for folder in reversed(self._created):
                try:
                    folder.rmdir()
                except OSError:
                    pass
        self._created.clear()


def _is_special(target: Path) -> bool:
    """Whether ``target`` exists and is neither a file nor a folder (a character device such as
    /dev/null or /dev/stdout, a named pipe): it is written into, never replaced."""
    import stat

    try:
        mode = target.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def write_files(files: list[tuple[Path | str, bytes]]) -> None:
    """Write every ``(path, bytes)`` all or nothing (see :class:`Staging`)."""
    with Staging() as batch:
        for target, data in files:
            batch.write(target, data)


def write_file(target: Path | str, data: bytes) -> None:
    """Write one file atomically: the old file (if any) stays until the new one is complete."""
    write_files([(target, data)])
