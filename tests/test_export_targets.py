"""Where `lrf export -o` may write: never over a database, never a pipe or device replaced by a
regular file, `-` and /dev/stdout are standard output; a file appears whole, 0600, no leftovers."""

from __future__ import annotations

import os
import stat
import subprocess
import threading
from pathlib import Path

import pytest

from facilitation.store.sqlite_files import SQLITE_MAGIC

from conftest import lrf_argv

REF = "LR-2026-001"
FORM = "# Learning Review Outcomes Form"


@pytest.fixture
def demo_db(run_lrf, tmp_path):
    assert run_lrf("--db", "lrf.db", "demo").returncode == 0  # relative, as users type it
    return tmp_path / "lrf.db"


def export(run_lrf, *out: str):
    return run_lrf("--db", "lrf.db", "export", REF, "--what", "outcome", *out)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".lrf-"))


def test_the_database_in_use_and_its_side_files_are_refused_even_with_force(run_lrf, demo_db,
                                                                            tmp_path):
    (tmp_path / "link.db").symlink_to("lrf.db")
    os.link(demo_db, tmp_path / "hard.db")
    (tmp_path / "sub").mkdir()
    before = demo_db.read_bytes()
    for name in ("lrf.db", "./lrf.db", "sub/../lrf.db", str(demo_db), "link.db", "hard.db"):
        r = export(run_lrf, "-o", name, "--force")
        assert (r.returncode, r.stderr) == (1, f"lrf: {name} is the database lrf is using; "
                                               "choose another file.\n"), name
    for name in ("lrf.db-wal", "lrf.db-shm", "lrf.db-journal", "sub/../lrf.db-wal"):
        r = export(run_lrf, "-o", name, "--force")
        assert r.returncode == 1 and "belongs to the database lrf is using" in r.stderr, name
    assert demo_db.read_bytes() == before
    assert not (tmp_path / "lrf.db-wal").exists() and not (tmp_path / "lrf.db-journal").exists()
    assert leftovers(tmp_path) == []
    assert run_lrf("--db", "lrf.db", "check").returncode == 0


def test_any_sqlite_file_is_refused_even_with_force(run_lrf, demo_db, tmp_path):
    other = tmp_path / "other.lrf"  # a review file, or another lrf's database
    other.write_bytes(demo_db.read_bytes())
    wal = tmp_path / "stray-wal"
    wal.write_bytes(b"\x37\x7f\x06\x82" + bytes(60))
    for target in (other, wal, tmp_path / "other.lrf-wal"):
        r = export(run_lrf, "-o", target.name, "--force")
        assert r.returncode == 1 and "SQLite database" in r.stderr and "Traceback" not in r.stderr
    assert other.read_bytes().startswith(SQLITE_MAGIC) and wal.read_bytes()[:2] == b"\x37\x7f"
    assert not (tmp_path / "other.lrf-wal").exists()


def test_dash_and_dev_stdout_are_standard_output(run_lrf_process, demo_db, tmp_path):
    run_lrf = run_lrf_process  # /dev/stdout is the process's own standard output
    for out in ("-", "/dev/stdout"):
        r = export(run_lrf, "-o", out)
        assert r.returncode == 0 and r.stdout.startswith(FORM), out
    assert not (tmp_path / "-").exists() and leftovers(tmp_path) == []
    r = export(run_lrf, "-o", "./-")  # a file that is really called "-" is still possible
    assert r.returncode == 0 and (tmp_path / "-").read_text().startswith(FORM)


def test_stdout_that_is_the_database_or_closed_is_refused(demo_db, tmp_path):
    before = demo_db.read_bytes()
    argv = lrf_argv() + ["--db", "lrf.db", "export", REF, "--what", "outcome"]
    with open(demo_db, "ab") as db_out:  # `lrf export … -o /dev/stdout >> lrf.db`
        for out in ("-", "/dev/stdout"):
            r = subprocess.run(argv + ["-o", out], stdout=db_out, stderr=subprocess.PIPE,
                               text=True, cwd=tmp_path, timeout=60)
            assert r.returncode == 1 and "is the database lrf is using" in r.stderr, out
    assert demo_db.read_bytes() == before
    r = subprocess.run(argv, stderr=subprocess.PIPE, text=True, cwd=tmp_path, timeout=60,
                       preexec_fn=lambda: os.close(1))  # `lrf export … >&-`
    assert (r.returncode, r.stderr) == (1, "lrf: Standard output is not open; nothing was "
                                           "written.\n")


def test_a_character_device_is_written_into_never_replaced(run_lrf, demo_db, tmp_path):
    # A private twin of /dev/null first (tests run as root), so a regression breaks only it.
    twin = tmp_path / "null"
    os.mknod(twin, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    for device in (twin, Path("/dev/null")):
        for extra in ((), ("--force",)):
            r = export(run_lrf, "-o", str(device), *extra)
            assert r.returncode == 0, r.stderr
            assert stat.S_ISCHR(os.lstat(device).st_mode), f"{device} was replaced"
    assert leftovers(tmp_path) == [] and leftovers(Path("/dev")) == []


def test_a_named_pipe_gets_the_whole_document_and_stays_a_pipe(run_lrf, demo_db, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    r = export(run_lrf, "-o", "pipe", "--force")
    reader.join(timeout=10)
    assert r.returncode == 0, r.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the pipe was replaced by a regular file"
    assert got and got[0].decode().startswith(FORM)
    assert got[0] == export(run_lrf).stdout.encode()
    assert leftovers(tmp_path) == []


def test_a_file_is_private_whole_and_leaves_nothing_behind(run_lrf, demo_db, tmp_path):
    (tmp_path / "real.md").write_text("old\n")
    (tmp_path / "link.md").symlink_to("real.md")
    r = export(run_lrf, "-o", "link.md", "--force")  # like `>`: through the link
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "link.md").is_symlink()
    assert (tmp_path / "real.md").read_text().startswith(FORM)
    assert stat.S_IMODE((tmp_path / "real.md").stat().st_mode) == 0o600
    for bad in ("", str(tmp_path)):
        r = export(run_lrf, "-o", bad, "--force")
        assert r.returncode == 1 and len(r.stderr.splitlines()) == 1, bad
    assert leftovers(tmp_path) == []


def test_a_document_written_in_pieces_appears_whole_or_not_at_all(tmp_path):
    """`lrf export` writes the form as it is made; the file still appears whole, 0600, and a
    failure part way leaves the file that was there and no temporary file."""
    from exports.files import write_private

    pieces = [f"line {i} é\n" for i in range(40_000)] + ["x" * 300_000, "\nlast\n"]
    out = tmp_path / "form.md"
    write_private(out, iter(pieces))
    assert out.read_text(encoding="utf-8") == "".join(pieces)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600

    def failing():
        yield from pieces[:30_000]
        raise RuntimeError("stopped")

    out.write_text("kept\n")
    with pytest.raises(RuntimeError):
        write_private(out, failing(), force=True)
    assert out.read_text() == "kept\n" and leftovers(tmp_path) == []


def test_the_installed_command_ends_an_export_with_everything_said_and_written(
        run_lrf_process, demo_db, tmp_path):
    """`lrf export` ends as soon as its file is in place (without Python's teardown): what it
    says on the way is still all there, and so is the whole file."""
    r = export(run_lrf_process, "-o", "form.md")
    assert r.returncode == 0 and r.stderr.endswith("Wrote form.md\n"), r.stderr
    text = (tmp_path / "form.md").read_text()
    assert text.startswith(FORM) and text.endswith("\n") and "## Recommendations" in text
    r = export(run_lrf_process, "-o", "form.md")  # a refusal still ends as before
    assert r.returncode == 1 and "already exists" in r.stderr and "Traceback" not in r.stderr
    r = export(run_lrf_process, "-o", "-")  # to standard output: the whole form, flushed
    assert r.returncode == 0 and r.stdout == text


def test_an_export_with_standard_output_or_error_closed_still_ends_well(demo_db, tmp_path):
    """`lrf export … -o FILE >&-` (or `2>&-`): the file is written and the command ends with 0,
    no traceback, whichever stream was closed when it started."""
    argv = lrf_argv() + ["--db", "lrf.db", "export", REF, "--what", "outcome"]
    for closed, name in ((1, "a.md"), (2, "b.md")):
        r = subprocess.run(argv + ["-o", name], capture_output=closed == 2, text=True,
                           cwd=tmp_path, timeout=60, preexec_fn=lambda fd=closed: os.close(fd))
        assert r.returncode == 0, (closed, r.stdout, r.stderr)
        assert (tmp_path / name).read_text().startswith(FORM)
