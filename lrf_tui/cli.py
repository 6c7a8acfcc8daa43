"""The `lrf` command line. Commands that do not draw the TUI never import Textual."""

from __future__ import annotations

import functools
import json
import os
import sqlite3
import sys
from pathlib import Path

import click

from . import __version__


def _fail(message: str, code: int) -> None:
    click.echo(f"lrf: {message}", err=True)
    sys.exit(code)


def friendly(fn):
    """Turn the errors a user can meet into one sentence and the design's exit code."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        from facilitation.errors import LrfError, describe_sqlite_error

        try:
            return fn(*args, **kwargs)
        except LrfError as e:
            _fail(e.message, e.exit_code)
        except sqlite3.Error as e:
            # Found while reading or writing, after the file was opened: the same sentences as
            # on opening (damaged, disk full, read-only, busy), never SQLite's own text.
            _fail(*describe_sqlite_error(_db_path(), e))
        except BrokenPipeError:
            # `lrf list | head`: the reader went away; that is not an error.
            try:
                sys.stdout = open(os.devnull, "w")
            except OSError:
                pass
            sys.exit(0)
        except (click.ClickException, click.exceptions.Abort, click.exceptions.Exit):
            raise  # click's own: LrfGroup.main words them
        except Exception as e:
            # Anything else is lrf's own fault: no traceback (its text and locals can hold
            # case content), a report for support and one sentence.
            from .crash import report_and_explain

            message, code = report_and_explain(e)
            click.echo(message, err=True)
            sys.exit(code)

    return wrapper


def _db_path() -> Path:
    from facilitation.store import resolve_db_path

    ctx = click.get_current_context(silent=True)
    root = ctx.find_root().obj if ctx is not None else None
    return resolve_db_path((root or {}).get("db"))[0].absolute()


def _open(ctx: click.Context, *, lock: bool = False, create: bool = True):
    """The database, to write to it; says on stderr if opening upgraded it (and where the old
    version is kept)."""
    from facilitation.store import open_store

    store = open_store(ctx.obj["db"], lock=lock, create=create)
    for notice in store.notices:
        click.echo(f"lrf: {notice}", err=True)
    return store


def _read(ctx: click.Context, *, as_is: bool = False, quick_check: bool | str = True):
    """The database, only to read it: never migrated, locked or changed."""
    from facilitation.store import open_store_readonly

    return open_store_readonly(ctx.obj["db"], as_is=as_is, quick_check=quick_check)


class LrfGroup(click.Group):
    """A command line mistake is one sentence and exit 1 (input refused), as every other refusal
    is; click's own usage screen and exit 2 would read as 'the database cannot be used'."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.Abort:
            _fail("stopped.", 1)
        except click.UsageError as e:
            where = e.ctx.command_path if e.ctx is not None else "lrf"
            _fail(f"{e.format_message()} (`{where} --help` shows how to use it)", 1)
        except click.ClickException as e:
            _fail(e.format_message(), 1)
        sys.exit(code if isinstance(code, int) else 0)


@click.group(cls=LrfGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db",
    envvar="LRF_DB",
    type=click.Path(path_type=Path),  # a folder is refused by the store, in its own words
    help="Database file (default: lrf.db in your user data folder; or set LRF_DB).",
)
@click.version_option(__version__, "--version", prog_name="lrf", message="%(prog)s %(version)s")
@click.pass_context
def main(ctx: click.Context, db: Path | None) -> None:
    """Learning reviews under the Learning Methodology Framework, from the keyboard.

    With no command, opens the app.
    """
    ctx.ensure_object(dict)
    ctx.obj["db"] = db
    if ctx.invoked_subcommand is None:
        _run_tui(ctx)


@friendly
def _run_tui(ctx: click.Context, event_ref: str | None = None) -> None:
    store = _open(ctx, lock=True)
    try:
        if event_ref is not None:
            from facilitation.reviews import get_review

            event_ref = get_review(store, event_ref)["ref"]
        from .app import LrfApp

        app = LrfApp(store, event_ref=event_ref)
        app.run()
    finally:
        store.close()
    if app.crash_message:  # the terminal is restored by now
        click.echo(app.crash_message, err=True)
    if app.return_code:
        sys.exit(app.return_code)


@main.command()
@click.pass_context
@friendly
def demo(ctx: click.Context) -> None:
    """Add a fictional worked example to look around in: four reviews, one per method, each at
    its own stage; prints their references, one a line (the practitioner review first)."""
    from facilitation.demo import add_demo_set

    with _open(ctx, lock=True) as store:
        refs = add_demo_set(store)
    click.echo("\n".join(refs))


@main.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
@friendly
def list_(ctx: click.Context, as_json: bool) -> None:
    """The reviews."""
    from facilitation.inputs import neutralise_all
    from facilitation.reviews import list_reviews
    from facilitation.stages import stage
    from facilitation.store import resolve_db_path

    path, is_default = resolve_db_path(ctx.obj["db"])
    if not path.exists() and (is_default or path.parent.is_dir()):
        rows = []  # nothing to list, and no reason to create a file for it
    else:
        with _read(ctx) as store:
            rows = list_reviews(store)
    if as_json:
        click.echo(
            json.dumps(
                neutralise_all(
                    [{**{k: r[k] for k in ("ref", "title", "methodology")},
                      "status": stage(r)} for r in rows]
                ),
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    if not rows:
        click.echo("No reviews yet. `lrf demo` adds a worked example; `lrf` opens the app.")
        return
    width = max(len(r["title"]) for r in rows)
    width = min(max(width, 5), 48)
    for r in rows:
        title = _plain(r["title"])
        title = title if len(title) <= width else title[: width - 1] + "…"
        click.echo(f"{r['ref']:<13} {title:<{width}}  {r['methodology']:<12} {stage(r)}")


def _plain(text: str) -> str:
    """Text safe to print on a terminal: control characters shown, not obeyed (the rule for
    characters, facilitation/inputs.py), on one line."""
    from facilitation.inputs import neutralise

    return neutralise(text, one_line_only=True)


@main.command()
@click.argument("ref")
@click.option("--json", "as_json", is_flag=True, help="Print the whole review as JSON.")
@click.option("--include-identifiers", is_flag=True,
              help="With --json: include the identifier register (the family's real names).")
@click.pass_context
@friendly
def show(ctx: click.Context, ref: str, as_json: bool, include_identifiers: bool) -> None:
    """One review, whole."""
    from facilitation.errors import InputRefused
    from facilitation.reviews import review_as_json

    if include_identifiers and not as_json:
        raise InputRefused("--include-identifiers goes with --json.")
    with _read(ctx) as store:
        data = review_as_json(store, ref, include_identifiers=include_identifiers)
    if as_json:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    live = [n for n in data["notes"] if not n["deleted"]]
    click.echo(f"{data['ref']}  {_plain(data['title'])}")
    click.echo(f"  methodology  {data['methodology']}")
    click.echo(f"  status       {data['status']}")
    click.echo(f"  family       {_plain(data['family_label'])}")
    click.echo(f"  agenda       {len(data['agenda'])} items")
    click.echo(f"  hypotheses   {len(data['hypotheses'])}")
    click.echo(f"  participants {len(data['participants'])}")
    click.echo(f"  notes        {len(live)}")
    click.echo("Add --json for everything.")


@main.command()
@click.argument("ref")
@click.pass_context
def event(ctx: click.Context, ref: str) -> None:
    """Open the live event screen of a review, ready to type notes."""
    _run_tui(ctx, event_ref=ref)


@main.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
@friendly
def backup(ctx: click.Context, path: Path) -> None:
    """A consistent copy of the database, safe to take while lrf is open."""
    with _read(ctx, as_is=True) as store:
        store.backup_to(path)
    click.echo(f"Backed up to {path}")


@main.command()
@click.pass_context
@friendly
def check(ctx: click.Context) -> None:
    """Check the database's integrity; exit 0 when healthy."""
    from facilitation.errors import DatabaseUnusable

    with _read(ctx, as_is=True, quick_check=False) as store:
        problems = store.integrity_problems()
        older = store.older_schema
    if problems:
        first = problems[0] if len(problems[0]) <= 200 else problems[0][:199] + "…"
        if all("not readable text" in p for p in problems):
            advice = ("lrf still reads and writes the file; a backup from before may hold "
                      "that text as it was typed.")
        else:
            advice = "restore from a backup."
        raise DatabaseUnusable(f"{len(problems)} problem(s) found, first: {first}; {advice}")
    click.echo("Database is healthy.")
    if older is not None:
        click.echo(
            f"It was written by an older lrf (schema {older}); the next lrf that saves to it "
            "upgrades it, keeping a copy of this version beside it."
        )


@main.command()
@click.argument("ref", required=False)
@click.option(
    "--what",
    required=True,
    help="outcome, pack, requests, actions, follow-up or review (a review file, -o FILE.lrf) "
         "for one review; partnership or actions with --all.",
)
@click.option("--all", "all_reviews", is_flag=True, help="Across all reviews.")
@click.option("--publication", is_flag=True,
              help="With --what outcome: the approved publication version, for publishing.")
@click.option("--from", "date_from", metavar="DATE", help="With --all: from this date.")
@click.option("--to", "date_to", metavar="DATE", help="With --all: up to this date.")
@click.option(
    "--format", "fmt", type=click.Choice(["md", "docx", "csv", "html"]), default="md",
    show_default=True,
    help="md (Markdown); docx (Word, needs -o FILE); csv (with --all); html (with --publication).",
)
@click.option("-o", "--output", metavar="FILE",
              help="Write to FILE (created 0600), a pipe or a device; - is stdout (the default).")
@click.option("--force", is_flag=True, help="Replace FILE if it exists (never a database).")
@click.option("--with-notes", is_flag=True,
              help="With --what review: the event notes travel too (never the register).")
@click.pass_context
@friendly
def export(ctx, ref, what, all_reviews, publication, date_from, date_to, fmt, output, force,
           with_notes):
    """Write a review (or all reviews) as Markdown or Word, to stdout or FILE; or one review
    as a review file (--what review -o FILE.lrf) to send to the partnership."""
    import importlib

    from facilitation.errors import InputRefused

    if what == "review" and not all_reviews:
        from .travel import export_review_file

        export_review_file(ctx, ref, output, force=force, with_notes=with_notes, fmt=fmt,
                           publication=publication, dated=bool(date_from or date_to))
        return
    if with_notes:
        raise InputRefused("--with-notes is for a review file (--what review).")

    from exports import ALL_DOCX_RENDERERS, ALL_RENDERERS, DOCX_RENDERERS, RENDERERS

    table = ALL_RENDERERS if all_reviews else RENDERERS
    if all_reviews and ref:
        raise InputRefused("Give either a review reference or --all, not both.")
    if not all_reviews and not ref:
        raise InputRefused("Say which review to export (its reference), or use --all.")
    if what not in table:
        choices = ", ".join(sorted([*table, *(() if all_reviews else ("review",))]))
        scope = "with --all" if all_reviews else "for one review"
        raise InputRefused(f"--what {_plain(what)} is not available {scope}; choose: {choices}.")
    if publication and (all_reviews or what != "outcome"):
        raise InputRefused("Only the outcome form of one review has a publication version: use "
                           "--publication with REF --what outcome.")
    if fmt == "html" and not publication:
        raise InputRefused("HTML is for the published version: use --format html with "
                           "--what outcome --publication.")
    if publication and fmt not in ("md", "html"):
        raise InputRefused("The published version is Markdown or HTML: use --format md or "
                           "--format html with --publication.")
    if fmt == "csv" and not all_reviews:
        raise InputRefused("CSV is for exports across all reviews (--all); for one review use "
                           "--format md or docx.")
    if (date_from or date_to) and not all_reviews:
        raise InputRefused("--from and --to choose a period across all reviews; use them with "
                           "--all.")
    from exports.files import STDOUT, check_target, write_private
    from facilitation.store import resolve_db_path

    # Refused before any work, and again by the writer: never the database in use or its
    # -wal/-shm, never a SQLite file, never a pipe or device turned into a regular file.
    output = STDOUT if output is None else output
    if fmt == "docx":
        table = ALL_DOCX_RENDERERS if all_reviews else DOCX_RENDERERS
        if what not in table:  # a Word version of every export that has a Markdown one
            raise InputRefused(f"--what {_plain(what)} has no Word version; use --format md.")
        if output == STDOUT:
            raise InputRefused("A Word document cannot go to standard output; give a file name "
                               "with -o FILE.")
    protect = [resolve_db_path(ctx.obj["db"])[0]]
    target = check_target(output, force=force, protect=protect)
    if fmt == "docx" and target.kind == "fd" and os.isatty(target.fd):
        raise InputRefused(f"{output} is the terminal, and a Word document cannot be shown "
                           "there; give a file name with -o FILE.")
    if fmt != "docx":
        # One document made and the process ends: what it allocates makes no reference cycles
        # worth finding, and the collector woken by 50,000 notes' lines cost a sixth of the
        # export's time. (Word's XML tree is left to it.)
        import gc

        gc.disable()
    module_name, func_name = table[what].split(":")
    render = getattr(importlib.import_module(module_name), func_name)
    options = {"publication": publication, "fmt": fmt, "date_from": date_from, "date_to": date_to}
    from facilitation.store.opening import WHILE_READING

    # SQLite checks the file while the form is made; a damaged file is refused before anything
    # is written.
    with _read(ctx, quick_check=WHILE_READING) as store:
        if publication and what == "outcome" and (held := _held(store, ref)):
            raise InputRefused(held)  # parallel proceedings hold publication
        text = render(store, ref, **options) if not all_reviews else render(store, **options)
        store.confirm_sound()
    if output == STDOUT and isinstance(text, str) and not text.endswith("\n"):
        text += "\n"
    write_private(output, text, force=force, protect=protect)
    if output != STDOUT:
        click.echo(f"Wrote {output}", err=True)
    global _finished
    _finished = True


def _held(store, ref: str) -> str:
    from facilitation.process import publication_held

    return publication_held(store, ref)


@main.command("import")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--as", "as_ref", metavar="NEWREF",
              help="Add the review under this new reference (its own is used here already).")
@click.pass_context
@friendly
def import_(ctx: click.Context, path: Path, as_ref: str | None) -> None:
    """Add a review from a review file (.lrf), or update the copy held; backs up first."""
    from .travel import import_review_command

    import_review_command(ctx, path, as_ref)


# Set by a command once everything it does is done and nothing is left open (an export, once
# its file is written, synced and in place, and the database closed).
_finished = False


def run() -> None:
    """The `lrf` command (the installed script): :func:`main`; a command that has finished
    ends at once, without Python's tidying away of what it made. For an export that was every
    line of the form drafted from 50,000 notes, and the interpreter: about 13 ms of 370, with
    the file already written."""
    global _finished
    _finished = False
    try:
        main()
    except SystemExit as e:
        if _finished and e.code in (0, None):
            try:
                for stream in (sys.stdout, sys.stderr):
                    if stream is not None:  # None: started with that stream closed
                        stream.flush()
            except (OSError, ValueError):
                raise e from None  # the usual ending says what went wrong with the output
            os._exit(0)
        raise


if __name__ == "__main__":  # pragma: no cover
    run()
