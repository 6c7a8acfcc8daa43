"""Publication that cannot leak: the identifier register, the publication texts the author edits
and approves field by field, decisions that a flag is publishable as written, and the published
version (Markdown and HTML), refused with every reason while anything blocks it."""

from __future__ import annotations

import gc
import json

import pytest
from click.testing import CliRunner

from complete_form import complete_form
from exports.outcome import render
from facilitation import outcome as o
from facilitation.errors import InputRefused
from facilitation.framework import FORM_FIELDS, NOT_PUBLISHED_FIELDS
from lrf_tui.cli import main

CHILD = "Kayleigh Brennan"  # the child's real name: typed only into the register
PUBLIC = {p: f"Published text for this part, number {i}." for i, p in enumerate(
    [f.key for f in FORM_FIELDS if f.key not in NOT_PUBLISHED_FIELDS])}
PUBLIC["recommendations"] = ("Audit the referral route | Head of service | by March 2027\n"
                             "Train the panel | Training lead | within 3 months")


def final_form(store, ref) -> None:
    complete_form(store, ref)
    o.save_field(store, ref, "synopsis", f"{CHILD} lived with her mother.")
    o.finalise(store, ref, "30/11/2026")


def approve_all(store, ref) -> None:
    for key, text in PUBLIC.items():
        o.set_publication_text(store, ref, key, text)
        o.approve(store, ref, key)


def part(store, ref, key) -> o.Part:
    return next(p for p in o.publication_parts(store, ref) if p.key == key)


def lrf(db, *args):
    try:
        return CliRunner().invoke(main, ["--db", str(db), *args])
    finally:
        gc.enable()  # `lrf export` turns the collector off for its one document


@pytest.fixture
def ready(store, demo_ref):
    o.add_identifier(store, demo_ref, "name", CHILD, "the child")
    final_form(store, demo_ref)
    approve_all(store, demo_ref)
    return demo_ref


def test_the_register_joins_participants_by_role_and_never_says_a_name(store, demo_ref):
    eid = o.add_identifier(store, demo_ref, "name", CHILD, "the child")
    o.add_identifier(store, demo_ref, "school", "Northfield Primary", "the school")
    auto = o.automatic_entries(store, demo_ref)
    # participants by their role, the demo's school as a place (a whole phrase)
    assert {e.kind for e in auto} == {"participant", "school"}
    people = [e for e in auto if e.kind == "participant"]
    words = {w.casefold() for e in people for w in e.text.split() if len(w) > 2}
    assert people and all(not words & set(e.replacement.casefold().split()) for e in people)
    assert all(e.replacement.startswith("the ") for e in auto)
    assert [e.text for e in o.register_entries(store, demo_ref)][:2] == [CHILD, "Northfield Primary"]
    o.update_identifier(store, demo_ref, eid, "name", CHILD, "the young person")
    assert o.register(store, demo_ref)[0]["replacement"] == "the young person"
    with pytest.raises(InputRefused) as e:
        o.update_identifier(store, demo_ref, eid, "postcode?", CHILD, "x")
    assert CHILD not in e.value.message and "Brennan" not in e.value.message
    o.remove_identifier(store, demo_ref, eid)
    with pytest.raises(InputRefused) as e:
        o.remove_identifier(store, demo_ref, eid)
    assert f"Register entry {eid}" in e.value.message


def test_a_publication_text_starts_from_the_register_and_approval_is_void_when_either_changes(
        store, ready):
    o.regenerate(store, ready, "synopsis")
    p = part(store, ready, "synopsis")
    assert CHILD not in p.public and "Brennan" not in p.public
    assert p.public.startswith("The child lived") or p.public.startswith("the child lived")
    assert p.mark == "changed"  # regenerated: no longer the text that was approved
    o.approve(store, ready, "synopsis")
    assert part(store, ready, "synopsis").mark == "approved"
    o.set_publication_text(store, ready, "synopsis", p.public + " Edited.")
    assert part(store, ready, "synopsis").mark == "changed"
    o.approve(store, ready, "synopsis")
    o.save_field(store, ready, "synopsis", "The internal text changed.")
    assert part(store, ready, "synopsis").mark == "changed"


def test_export_refuses_listing_every_flag_and_unapproved_field_never_the_text(store, ready):
    flagged = "\n".join(f"Line {i}: {CHILD} was seen." for i in range(1, 8))
    o.set_publication_text(store, ready, "findings", flagged)
    with pytest.raises(InputRefused) as e:
        render(store, ready, publication=True, warn=None)
    msg = e.value.message
    for i in range(1, 8):
        assert f"Findings and key learning points, line {i}, column 9: register entry (a name in the register)" in msg
    assert "Findings and key learning points: publication text changed since it was approved" in msg
    assert "Brennan" not in msg and "Kayleigh" not in msg
    with pytest.raises(InputRefused, match="7 flags to resolve first"):
        o.approve(store, ready, "findings")


def test_the_command_writes_nothing_and_exits_1_while_anything_blocks(store, ready, db_path,
                                                                       tmp_path):
    o.set_publication_text(store, ready, "strengths", f"Seen by {CHILD}.")
    out = tmp_path / "pub.md"
    r = lrf(db_path, "export", ready, "--what", "outcome", "--publication", "-o", str(out))
    assert r.exit_code == 1 and not out.exists()
    assert "line 1, column 9: register entry (a name in the register)" in r.output
    assert "Brennan" not in r.output and "Traceback" not in r.output


@pytest.mark.parametrize("args", [
    ("--what", "pack", "--publication"), ("--what", "requests", "--publication"),
    ("--what", "actions", "--publication"), ("--what", "outcome", "--format", "html"),
])
def test_publication_where_there_is_none_is_refused_in_one_sentence(store, demo_ref, db_path,
                                                                   args):
    r = lrf(db_path, "export", demo_ref, *args)
    assert r.exit_code == 1 and len(r.output.strip().splitlines()) == 1, r.output


def test_publication_across_all_reviews_is_refused(store, demo_ref, db_path):
    r = lrf(db_path, "export", "--all", "--what", "partnership", "--publication")
    assert r.exit_code == 1 and "Only the outcome form" in r.output


def test_published_markdown_carries_date_and_version_and_no_draft_or_name(store, ready):
    md = render(store, ready, publication=True, warn=None)
    assert "form version 2" in md and "published on" in md
    assert CHILD not in md and "Brennan" not in md
    for w in ("Draft", "draft", "Not yet written", "Candidate"):
        assert w not in md
    assert "| Audit the referral route | Head of service | by March 2027 |" in md
    assert "Not included in the published version." in md  # the household's fields
    assert "Published text for this part, number 0." in md


def test_html_is_one_self_contained_page_with_user_text_escaped(store, ready, db_path,
                                                               tmp_path):
    o.set_publication_text(store, ready, "broader_learning",
                           "<script>alert(1)</script> and [a link](http://example.org)")
    o.approve(store, ready, "broader_learning")
    out = tmp_path / "pub.html"
    r = lrf(db_path, "export", ready, "--what", "outcome", "--publication", "--format", "html",
            "-o", str(out))
    assert r.exit_code == 0, r.output
    page = out.read_text()
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "href=" not in page and "src=" not in page and "<link" not in page
    assert "<table>" in page and "<td>Audit the referral route</td>" in page
    assert out.stat().st_mode & 0o777 == 0o600


def test_word_limits_apply_to_the_published_text(store, ready):
    o.set_publication_text(store, ready, "synopsis", " ".join(["word"] * 301))
    with pytest.raises(InputRefused, match="is 301 words in its publication text; the limit is 300"):
        o.approve(store, ready, "synopsis")
    with pytest.raises(InputRefused) as e:
        render(store, ready, publication=True, warn=None)
    assert "Synopsis of the case is 301 words in its publication text; the limit is 300" in \
        e.value.message


def test_a_flag_kept_as_written_needs_a_reason_and_goes_in_the_history(store, ready):
    o.set_publication_text(store, ready, "date", "The event was held on 3 April 2019.")
    p = part(store, ready, "date")
    assert [f.kind for f in p.flags] == ["date"]
    with pytest.raises(InputRefused, match="reason"):
        o.mark_publishable(store, ready, "date", 0, "  ")
    o.mark_publishable(store, ready, "date", 0, "The event date is public.")
    o.approve(store, ready, "date")
    md = render(store, ready, publication=True, warn=None)
    assert "3 April 2019" in md
    internal = render(store, ready, warn=None)
    assert "kept as written; reason: The event date is public." in internal


def test_a_summary_is_the_whole_published_body(store, ready):
    o.set_publication_scope(store, ready, "summary")
    with pytest.raises(InputRefused, match="Summary of the key findings: publication text not"):
        render(store, ready, publication=True, warn=None)
    o.set_publication_text(store, ready, "summary", "What we learnt, in short.")
    o.approve(store, ready, "summary")
    md = render(store, ready, publication=True, warn=None)
    assert "## Summary of the key findings" in md and "What we learnt, in short." in md
    assert "## Synopsis of the case" not in md and "number 0" not in md


def test_show_json_holds_the_register_only_when_asked(store, demo_ref, db_path):
    o.add_identifier(store, demo_ref, "name", CHILD, "the child")
    plain = lrf(db_path, "show", demo_ref, "--json")
    assert plain.exit_code == 0 and CHILD not in plain.output
    full = lrf(db_path, "show", demo_ref, "--json", "--include-identifiers")
    data = json.loads(full.output)
    assert data["identifier_register"][0]["text"] == CHILD


# -- the corpus: each variant in each published part of a final form: refused naming it, or
# published without it. 0 leaks.

def _corpus() -> tuple[list, list[str]]:
    """The checker's own corpus (tests/test_identifier_corpus.py): its register, and every
    variant of a register entry and of an identifier found without one."""
    from test_identifier_corpus import PATTERN_VARIANTS, REGISTER, REGISTER_VARIANTS

    return REGISTER, REGISTER_VARIANTS + PATTERN_VARIANTS


def test_corpus_no_variant_is_ever_published(store, ready):
    """Each variant in each published part of a final, approved form, the texts varied in
    memory (the store is read, never written, per variant): the export refuses naming that part,
    or the published document does not hold the variant."""
    import dataclasses

    from exports.publication import checked_markdown

    register, variants = _corpus()
    for e in register:
        o.add_identifier(store, ready, e.kind if e.kind in o.CHAIR_KINDS else "name", e.text,
                         e.replacement)
    state, parts = o.published_parts(store, ready)  # final and approved: publishable as it is
    assert len(variants) >= 80
    leaks = []
    for variant in variants:
        for at, p in enumerate(parts):
            text = f"Before. {variant} after." if p.key != "recommendations" else \
                f"Act on {variant} | Lead | by May"
            edited = p.edited(text)
            if not edited.flags:  # approved as it stands, as an author might
                edited = dataclasses.replace(edited, approved=True)
            varied = parts[:at] + [edited] + parts[at + 1:]
            problems = o.publication_problems(store, ready, varied)  # the final form: as is
            if problems:
                said = "\n".join(problems)
                if f"{p.name}, line " not in said or variant in said:
                    leaks.append((variant, p.key, "refused without naming where, or quoting it"))
                continue
            try:
                md = checked_markdown(store, ready, state, varied)
            except InputRefused as e:
                if "the published document" not in e.message or variant in e.message:
                    leaks.append((variant, p.key, "refused without naming where, or quoting it"))
                continue
            if " ".join(variant.split()).casefold() in " ".join(md.split()).casefold():
                leaks.append((variant, p.key))
    assert leaks == []
