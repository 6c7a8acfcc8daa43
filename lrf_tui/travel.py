"""`lrf export REF --what review` and `lrf import FILE.lrf`: the command line's side of
:mod:`facilitation.travel` (no Textual here)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import click


def export_review_file(ctx: click.Context, ref: str | None, output: str | None, *, force: bool,
                       with_notes: bool, fmt: str, publication: bool, dated: bool) -> None:
    from exports.files import STDOUT, check_target, write_private
    from facilitation.errors import InputRefused
    from facilitation.reviews import get_review
    from facilitation.store import open_store_readonly, resolve_db_path
    from facilitation.travel import build_review_file

    if not ref:
        raise InputRefused("Say which review to send (its reference): lrf export REF --what "
                           "review -o FILE.lrf.")
    if fmt != "md" or publication or dated:
        raise InputRefused("A review file is an lrf database: --format, --publication, --from "
                           "and --to do not apply to --what review.")
    if output in (None, STDOUT):
        raise InputRefused("A review file needs a file name: add -o FILE.lrf.")
    protect = [resolve_db_path(ctx.obj["db"])[0]]
    check_target(output, force=force, protect=protect, replaceable=is_review_file)
    folder = Path(tempfile.mkdtemp(prefix="lrf-review-"))  # 0700, removed whatever happens
    try:
        with open_store_readonly(ctx.obj["db"]) as store:
            if store.older_schema is not None:
                # Read through an upgraded copy in memory, its reviews' ids would be new on
                # every export, and the partnership could not tell two sendings apart.
                raise InputRefused(
                    f"{store.path} was written by an older lrf, so its reviews have no lasting "
                    "id yet: open it in lrf once (that upgrades it, keeping a copy of this "
                    "version beside it), then export the review.")
            review = get_review(store, ref)
            built = build_review_file(store, review, folder / "review.lrf", notes=with_notes)
        data = (folder / "review.lrf").read_bytes()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    write_private(output, data, force=force, protect=protect, replaceable=is_review_file)
    click.echo(f"Wrote {output} ({built.ref}).", err=True)
    if built.left_out:
        parts = [f"{n:,} {what}" for what, n in built.left_out]
        hint = " (--with-notes sends the notes)" if any(
            w.startswith("event note") for w, _ in built.left_out) else ""
        click.echo("Left out: " + "; ".join(parts) + hint + ". The identifier register never "
                   "travels.", err=True)


def is_review_file(path: Path) -> bool:
    """A review file lrf wrote, which --force may replace with a newer one: sound, one review,
    in rollback-journal mode (every lrf database a person works in is in WAL mode), no log
    beside it, nothing ever imported into it. A working database is never one."""
    from facilitation.errors import InputRefused
    from facilitation.travel import read_review_file

    if any(Path(f"{path}{side}").exists() for side in ("-wal", "-shm", "-journal")):
        return False
    try:
        with open(path, "rb") as f:
            header = f.read(20)
        if len(header) < 20 or header[18] != 1 or header[19] != 1:
            return False
        conn = read_review_file(path)
    except (InputRefused, OSError):
        return False
    try:
        return conn.execute("SELECT count(*) FROM review_imports").fetchone()[0] == 0
    finally:
        conn.close()


def import_review_command(ctx: click.Context, path: Path, as_ref: str | None) -> None:
    from facilitation.store import open_store
    from facilitation.travel import import_review_file, read_review_file

    read_review_file(path).close()  # a bad file is refused before the database is opened
    store = open_store(ctx.obj["db"], lock=True)
    try:
        for notice in store.notices:
            click.echo(f"lrf: {notice}", err=True)
        done = import_review_file(store, path, as_ref=as_ref)
    finally:
        store.close()
    click.echo(done.sentence(str(path)))
