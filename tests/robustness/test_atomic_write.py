"""All or nothing on disk (issue #10 §5): every command that writes files either writes all of
them, complete, or nothing — on a full disk, under a file-size limit, or when a folder cannot be
written. Files already in the folder that are not part of the batch are never touched, and a
re-render replaces a file only when every new file is complete.

Faults are real: a file-size limit (RLIMIT_FSIZE, with SIGXFSZ ignored so that write() fails
with EFBIG) in a subprocess, and in-process a disk that fills up (ENOSPC) after some files,
injected where bytes reach a file (``os.write`` and ``Path.write_bytes/write_text``)."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.robustness.conftest import REPO

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file-size limits")

LIMIT = 100_000  # bytes: every file of `render all` fits but the evaluation report's DOCX
PROJECT = "odder-bostoette"
KEEP = {"keep.txt": b"not ours\n", "notes/own.md": b"# mine\n"}


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too) with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _assert_clean(folder: Path, before: dict[str, bytes]) -> None:
    after = _tree(folder)
    leftovers = sorted(set(after) - set(before))
    assert not leftovers, f"left behind: {leftovers[:10]}"
    changed = sorted(k for k in before if after.get(k) != before[k])
    assert not changed, f"changed or removed: {changed[:10]}"
    hidden = [p for p in folder.rglob("*") if p.name.startswith(".nybureau-")
              or p.name.endswith((".part", ".tmp"))]
    assert not hidden, hidden


def _refusal(output: str) -> None:
    assert "unexpected error" not in output and "Traceback" not in output, output
    assert "Nothing was written" in output or "Intet er skrevet" in output, output


def _seed(folder: Path) -> dict[str, bytes]:
    for name, data in KEEP.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return _tree(folder)


# -- a real file-size limit in a subprocess ------------------------------------------------------
def _limited(db_url: str, args: list[str], cwd: Path, limit: int = LIMIT, lang: str = "en"):
    import resource

    def limit_size():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # write() then fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("NYBUREAU_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "nybureau", "--db", db_url, "--lang", lang, *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=180, preexec_fn=limit_size)


def test_render_all_under_a_file_size_limit_writes_nothing(odder, db_url, tmp_path):
    out = tmp_path / "docs"
    out.mkdir()
    before = _seed(out)
    r = _limited(db_url, ["render", "all", PROJECT, "--out", str(out)], tmp_path)
    assert r.returncode == 1, (r.stdout, r.stderr)
    _refusal(r.stderr)
    assert "File too large" in r.stderr and "evaluation-report" in r.stderr, r.stderr
    _assert_clean(out, before)
    # Danish, too
    r = _limited(db_url, ["render", "all", PROJECT, "--out", str(out)], tmp_path, lang="da")
    assert r.returncode == 1 and "Intet er skrevet" in r.stderr, r.stderr
    assert "største tilladte filstørrelse" in r.stderr, r.stderr
    _assert_clean(out, before)


def test_rerender_under_a_limit_keeps_the_previous_render(odder, db_url, tmp_path):
    out = tmp_path / "docs"
    odder.ok(["render", "all", PROJECT, "--out", str(out)])
    before = _seed(out)
    assert len(before) > 100
    r = _limited(db_url, ["--actor", "x", "render", "all", PROJECT, "--out", str(out)], tmp_path)
    assert r.returncode == 1, (r.stdout, r.stderr)
    _refusal(r.stderr)
    _assert_clean(out, before)  # every old file whole, with its old content


def test_render_into_a_new_folder_under_a_limit_leaves_no_folder(odder, db_url, tmp_path):
    out = tmp_path / "new" / "docs"
    r = _limited(db_url, ["render", "all", PROJECT, "--out", str(out)], tmp_path)
    assert r.returncode == 1, r.stderr
    _refusal(r.stderr)
    assert not (tmp_path / "new").exists()


def test_render_one_docx_under_a_limit(odder, db_url, tmp_path):
    out = tmp_path / "docs"
    out.mkdir()
    before = _seed(out)
    target = out / "rapport.docx"
    r = _limited(db_url, ["render", "evaluation-report", PROJECT, "--out", str(target)], tmp_path)
    assert r.returncode == 1, (r.stdout, r.stderr)
    _refusal(r.stderr)
    assert not target.exists()
    _assert_clean(out, before)


def test_export_under_a_limit_leaves_no_part_file(odder, db_url, tmp_path):
    out = tmp_path / "exports"
    out.mkdir()
    old = out / "odder.json"
    old.write_bytes(b'{"old": "export"}\n')
    before = _seed(out)
    r = _limited(db_url, ["export", PROJECT, "--out", str(old)], tmp_path,
                 limit=20_000)
    assert r.returncode == 1, (r.stdout, r.stderr)
    _refusal(r.stderr)
    _assert_clean(out, before)  # the old export is whole, no .part file


def test_backup_under_a_limit_leaves_nothing(odder, db_url, tmp_path):
    if not db_url.startswith("sqlite"):
        pytest.skip("backup copies SQLite databases")
    out = tmp_path / "backups"
    out.mkdir()
    before = _seed(out)
    r = _limited(db_url, ["backup", "--out", str(out / "b.db")], tmp_path)
    assert r.returncode == 1, (r.stdout, r.stderr)
    assert "unexpected error" not in r.stderr and "Traceback" not in r.stderr, r.stderr
    _assert_clean(out, before)


def test_a_limit_that_everything_fits_under_writes_everything(odder, db_url, tmp_path):
    out = tmp_path / "docs"
    r = _limited(db_url, ["render", "all", PROJECT, "--format", "md", "--out", str(out)],
                 tmp_path)
    assert r.returncode == 0, r.stderr
    assert len(list(out.glob("*.md"))) == len(r.stdout.split())
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


# -- a disk that fills up, in-process -----------------------------------------------------------
class DiskFull:
    """Lets ``files`` files be written, then fails the next one half-way with ENOSPC (whether
    it is written through ``os.write`` or ``Path.write_bytes``/``write_text``)."""

    def __init__(self, monkeypatch, files: int, code: int = errno.ENOSPC) -> None:
        self.files, self.code, self.seen = files, code, set()
        real_write, real_bytes = os.write, Path.write_bytes
        me = self

        def count(key) -> bool:
            if key not in me.seen:
                me.seen.add(key)
            return len(me.seen) > me.files

        def fake_write(fd, data):
            if fd > 2 and count(("fd", fd, os.fstat(fd).st_ino)):
                real_write(fd, bytes(data[:len(data) // 2]))
                raise OSError(me.code, os.strerror(me.code))
            return real_write(fd, data)

        def fake_bytes(self_path, data):
            if count(("path", str(self_path))):
                real_bytes(self_path, bytes(data[:len(data) // 2]))
                raise OSError(me.code, os.strerror(me.code))
            return real_bytes(self_path, data)

        def fake_text(self_path, data, encoding=None, errors=None, newline=None):
            return fake_bytes(self_path, data.encode(encoding or "utf-8"))

        monkeypatch.setattr(os, "write", fake_write)
        monkeypatch.setattr(Path, "write_bytes", fake_bytes)
        monkeypatch.setattr(Path, "write_text", fake_text)


@pytest.mark.parametrize("after", [0, 60])
def test_render_all_on_a_full_disk_writes_nothing(odder, tmp_path, monkeypatch, after):
    out = tmp_path / "docs"
    out.mkdir()
    before = _seed(out)
    DiskFull(monkeypatch, after)
    r = odder(["render", "all", PROJECT, "--out", str(out)])
    assert r.exit_code == 1, r.output
    _refusal(r.output)
    assert "No space left on device" in r.output
    _assert_clean(out, before)
    r = odder(["render", "all", PROJECT, "--out", str(out)], lang="da")
    assert r.exit_code == 1 and "ikke mere plads på disken" in r.output, r.output
    _assert_clean(out, before)


def test_rerender_on_a_full_disk_keeps_the_previous_render(odder, tmp_path, monkeypatch):
    out = tmp_path / "docs"
    odder.ok(["render", "all", PROJECT, "--out", str(out)])
    before = _seed(out)
    DiskFull(monkeypatch, 100)
    r = odder(["render", "all", PROJECT, "--out", str(out)], lang="da")
    assert r.exit_code == 1, r.output
    _refusal(r.output)
    _assert_clean(out, before)


def test_render_all_writes_and_replaces_everything_when_it_succeeds(odder, tmp_path):
    out = tmp_path / "docs"
    first = odder.ok(["render", "all", PROJECT, "--format", "md", "--out", str(out)])
    names = first.output.split()
    stale = Path(names[0])
    good = stale.read_bytes()
    stale.write_bytes(b"old\n")
    keep = _seed(out)
    r = odder.ok(["render", "all", PROJECT, "--format", "md", "--out", str(out)])
    assert r.output.split() == names
    files = _tree(out)
    for name in KEEP:
        assert files[name] == keep[name]
    assert stale.read_bytes() == good
    assert len(files) == len(KEEP) + len(names)
    assert not [p for p in out.rglob(".*")]


@pytest.mark.parametrize("args", [
    ["render", "evaluation-report", PROJECT, "--format", "md", "--format", "html",
     "--format", "docx", "--out", "{out}/"],
    ["render", "status-report", PROJECT, "--out", "{out}/status.html"],
    ["export", PROJECT, "--out", "{out}/odder.json"],
    ["export", "--out", "{out}/all.json"],
    ["meeting", "ics", "1", "--out", "{out}/m.ics"],
    ["network", "status", "fremfaerd-nybureaukratisering", "--out", "{out}/net.md"],
    ["network", "status", "fremfaerd-nybureaukratisering", "--format", "md", "--format",
     "docx", "--out", "{out}/"],
    ["person", "export", "Hanne Kjærgaard Lund", "--out", "{out}/hanne.json"],
], ids=lambda a: " ".join(a[:2]) + (" many" if a.count("--format") > 1 else ""))
@pytest.mark.parametrize("after", [0, 1])
def test_every_writing_command_on_a_full_disk(odder, tmp_path, monkeypatch, args, after):
    out = tmp_path / "out"
    out.mkdir()
    for arg in args:
        if arg.startswith("{out}/") and len(arg) > 6:
            (out / arg[6:]).write_bytes(b"the old file\n")  # must survive whole
    before = _seed(out)
    argv = [a.replace("{out}", str(out)) for a in args]
    real = odder(argv)  # works, and tells how many files the command writes
    assert real.exit_code == 0, real.output
    now = _tree(out)
    touched = [k for k in now if before.get(k) != now[k]]
    assert touched, real.output
    for name in now:
        if name in before:
            (out / name).write_bytes(before[name])
        else:
            (out / name).unlink()
    if after >= len(touched):
        pytest.skip("the command writes a single file")
    DiskFull(monkeypatch, after)
    r = odder(argv)
    assert r.exit_code == 1, r.output
    _refusal(r.output)
    _assert_clean(out, before)


def test_demo_on_a_full_disk_writes_no_documents(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from nybureau.cli.main import cli

    out = tmp_path / "demo"
    out.mkdir()
    (out / "keep.txt").write_bytes(b"mine\n")
    DiskFull(monkeypatch, 30)
    r = CliRunner().invoke(cli, ["--lang", "en", "demo", "--out", str(out)],
                           catch_exceptions=False)
    assert r.exit_code == 1, r.output
    _refusal(r.output)
    names = sorted(p.name for p in out.iterdir())
    assert [n for n in names if not n.startswith("nybureau-demo.db")] == ["keep.txt"], names
    assert (out / "keep.txt").read_bytes() == b"mine\n"


def test_a_folder_that_cannot_be_written(odder, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root may write anywhere")
    out = tmp_path / "ro"
    out.mkdir()
    before = _seed(out)
    out.chmod(0o555)
    try:
        r = odder(["render", "all", PROJECT, "--out", str(out)])
    finally:
        out.chmod(0o755)
    assert r.exit_code == 1, r.output
    _refusal(r.output)
    _assert_clean(out, before)


def test_staging_puts_replaced_files_back_when_a_move_fails(tmp_path, monkeypatch):
    """The last step (moving the complete files into place) fails on the third file: the two
    files already moved get their old content back."""
    from nybureau import fsio
    from nybureau.errors import InvalidInput

    files = {f"f{i}.txt": f"old {i}\n".encode() for i in range(4)}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    real = os.replace
    calls = []

    def flaky(src, dst):
        if Path(dst).parent == tmp_path and not Path(dst).name.startswith(".nybureau-"):
            calls.append(dst)
            if len(calls) == 3:
                raise OSError(errno.EIO, os.strerror(errno.EIO), str(dst))
        return real(src, dst)

    monkeypatch.setattr(os, "replace", flaky)
    with pytest.raises(InvalidInput) as info:
        fsio.write_files([(tmp_path / n, b"new\n") for n in files])
    monkeypatch.setattr(os, "replace", real)
    assert "Nothing was written" in info.value.message
    assert _tree(tmp_path) == files


def test_a_device_is_written_into_never_replaced(tmp_path):
    # `render … --out /dev/null` (or /dev/stdout): the device must stay a device. Renaming the
    # staged file over it would turn /dev/null into a regular file for the whole machine.
    import os
    import stat

    from nybureau.fsio import write_files

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_files([(fifo, b"dagsorden"), (tmp_path / "a.md", b"a")])
        assert stat.S_ISFIFO(os.stat(fifo).st_mode)
        assert os.read(reader, 100) == b"dagsorden"
    finally:
        os.close(reader)
    assert (tmp_path / "a.md").read_bytes() == b"a"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".nybureau-")]
    write_files([(Path(os.devnull), b"nothing")])
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
