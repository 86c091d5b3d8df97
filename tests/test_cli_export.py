"""``synoptic export`` and ``synoptic import``, run as real subprocesses on real workspaces."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE_DIR, SAMPLE_IDS
from markdown_it import MarkdownIt
from w3c_harness import check_collection, format_failures

from annotations.labels import Verdict
from annotations.links import Relation, parse_link, passage_link
from annotations.model import Annotation
from annotations.store import AnnotationStore
from annotations.target import Target
from annotations.w3c import annotation_iri
from corpus.export_guard import SEAL_PREFIX

FIRST, SECOND = SAMPLE_IDS[0], SAMPLE_IDS[1]
HOSTILE = "# not a heading\n| a | b |\n|---|---|\n[x](javascript:alert(1)) <script>x</script>"


def text_of(root: Path, doc_id: str) -> str:
    with open(root / doc_id, encoding="utf-8") as handle:
        return handle.read()


def sentence_target(root: Path, doc_id: str, number: int = 0) -> Target:
    """A sentence-sized passage of the document (its ``number``-th full stop ends it)."""
    text = text_of(root, doc_id)
    start = 0
    for _ in range(number):
        start = text.index(". ", start) + 2
    return Target.from_span(doc_id, text, start, text.index(".", start) + 1)


@pytest.fixture
def annotated(sample_workspace: Path) -> tuple[Path, list[Annotation]]:
    """The sample with a thread by Ann and Bob, a tagged note and a note on the second article."""
    root = sample_workspace
    ann, bob = AnnotationStore(root, "Ann"), AnnotationStore(root, "Bob")
    first = ann.add(
        Annotation.create(
            "Ann",
            sentence_target(root, FIRST, 2),
            HOSTILE,
            tags=["mood"],
            verdict=Verdict.NEEDS_EVIDENCE,
            links=[
                parse_link("doi:10.1000/abc(1)", Relation.SUPPORTS, "A study"),
                passage_link(sentence_target(root, SECOND, 1), Relation.REFUTES),
            ],
        )
    )
    reply = bob.add(
        Annotation.create("Bob", sentence_target(root, FIRST, 2), "Agreed.", reply_to=first.id)
    )
    other = ann.add(Annotation.create("Ann", sentence_target(root, SECOND, 3), "Second."))
    gone = ann.add(Annotation.create("Ann", sentence_target(root, SECOND, 4), "Deleted."))
    ann.delete(gone.id)
    return root, [first, reply, other]


def ok(result) -> str:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def fails(result, message: str) -> None:
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("synoptic: ") and message in result.stderr, result.stderr


# --- export --------------------------------------------------------------------------------------


def test_markdown_export_to_stdout_is_the_same_every_time(cli, annotated) -> None:
    root, _ = annotated
    report = ok(cli("export", root))
    assert ok(cli("export", root, "--format", "markdown")) == report
    tokens = MarkdownIt("commonmark").enable("table").parse(report)
    headings = [
        "".join(c.content for c in tokens[i + 1].children or [])
        for i, t in enumerate(tokens)
        if t.type == "heading_open"
    ]
    assert headings[0] == "Notes on ws"
    assert headings[1].startswith(f"{FIRST}: ")
    assert [h for h in headings if "heading" in h] == []
    assert headings[-1] == "Synopsis"
    hrefs = [
        c.attrs["href"]
        for t in tokens
        if t.type == "inline"
        for c in t.children or []
        if c.type == "link_open"
    ]
    assert hrefs == ["https://doi.org/10.1000/abc%281%29"]
    html = [t for t in tokens if t.type.startswith("html")]
    assert [t.content for t in html] == [report.splitlines(keepends=True)[-1]], "only the seal"
    assert html[0].content.startswith(SEAL_PREFIX)
    assert "3 notes by 2 authors on 2 of 5 documents" in report
    assert "Deleted." not in report
    assert "  - **Bob** replied, " in report and "\n    Agreed.\n" in report


def test_the_report_names_the_version_of_each_document_it_checked(cli, annotated) -> None:
    """An editor holding a copy of an article must be able to tell whether it is the version
    the notes were checked against: the report gives each file's SHA-256, as sha256sum does."""
    root, _ = annotated
    with open(root / SECOND, "a", encoding="utf-8") as handle:
        handle.write("\nA paragraph the publisher added later.\n")
    report = ok(cli("export", root, "--no-synopsis"))
    tokens = MarkdownIt("commonmark").enable("table").parse(report)
    cells = [
        "".join(c.content for c in tokens[i + 1].children or [])
        for i, t in enumerate(tokens)
        if t.type in ("th_open", "td_open")
    ]
    columns = cells.index("SHA-256") + 1
    rows = {row[0]: row for row in zip(*[iter(cells)] * columns, strict=True)}
    for doc_id in SAMPLE_IDS:
        digest = hashlib.sha256((root / doc_id).read_bytes()).hexdigest()
        assert rows[doc_id][-1] == digest[:12]
    assert "sha256sum" in report


def test_export_filters_by_document_author_and_tag(cli, annotated) -> None:
    root, _ = annotated
    only_second = ok(cli("export", root, "--doc", SECOND, "--no-synopsis"))
    assert "Second." in only_second and "Agreed." not in only_second
    assert "## Synopsis" not in only_second
    by_bob = ok(cli("export", root, "--author", "Bob", "--no-synopsis"))
    assert "1 note by 1 author" in by_bob and "replied to a note not in this report" in by_bob
    tagged = ok(cli("export", root, "--tag", "mood", "--no-synopsis"))
    assert "Agreed." in tagged and "Second." not in tagged
    fails(cli("export", root, "--doc", "nope.txt"), "There is no document 'nope.txt'")


def test_a_filter_that_matches_no_note_is_refused_and_says_what_there_is(
    cli, annotated, tmp_path
) -> None:
    """An empty report would read as "no notes exist": refuse it, write nothing, say why."""
    root, _ = annotated
    out = tmp_path / "report.md"
    for output_format in ("markdown", "w3c"):
        result = cli("export", root, "--format", output_format, "--author", "Zed", "-o", out)
        fails(result, "Nothing exported: --author 'Zed' matches no note. Authors: 'Ann', 'Bob'.")
        assert not out.exists() and result.stdout == ""
        result = cli("export", root, "--format", output_format, "--tag", "none")
        fails(result, "--tag 'none' matches no note. Tags in use: 'mood'.")
        assert result.stdout == ""
    result = cli("export", root, "--doc", SAMPLE_IDS[4])
    fails(result, f"--doc '{SAMPLE_IDS[4]}' matches no note. Documents with notes: '{FIRST}'")
    fails(
        cli("export", root, "--author", "Bob", "--tag", "mood", "--doc", SECOND),
        f"no note matches --doc '{SECOND}' --author 'Bob' --tag 'mood' together",
    )
    # a typo beside a name that matches: the export is made, and the typo pointed out
    result = cli("export", root, "--author", "Ann", "--author", "Zed", "--no-synopsis")
    assert "2 notes by 1 author" in ok(result)
    assert "synoptic: note: --author 'Zed' matches no note." in result.stderr


def test_a_repeated_filter_counts_once(cli, annotated) -> None:
    root, _ = annotated
    once = ok(cli("export", root, "--doc", FIRST, "--author", "Ann", "--tag", "mood"))
    twice = ok(
        cli(
            "export", root, "--doc", FIRST, "--doc", FIRST, "--author", "Ann",
            "--author", "Ann", "--tag", "mood", "--tag", "mood",
        )
    )  # fmt: skip
    assert twice == once
    assert f"- Only documents {FIRST}; authors Ann; tags mood\n" in once


def test_export_to_a_file_is_atomic_and_guards_what_it_replaces(cli, annotated, tmp_path) -> None:
    root, _ = annotated
    out = tmp_path / "report.md"
    result = cli("export", root, "-o", out, "--no-synopsis")
    assert ok(result) == "" and "Wrote 3 notes" in result.stderr
    first = out.read_bytes()
    ok(cli("export", root, "-o", out, "--no-synopsis"))  # an earlier export may be replaced
    assert out.read_bytes() == first
    precious = tmp_path / "precious.md"
    precious.write_text("# My own notes\n", encoding="utf-8")
    fails(cli("export", root, "-o", precious), "is not an earlier Synoptic export")
    assert precious.read_text(encoding="utf-8") == "# My own notes\n"
    ok(cli("export", root, "-o", precious, "--force", "--no-synopsis"))
    assert precious.read_bytes() == first
    for inside in (root / "annotations" / "report.md", root / "annotations" / "ann" / "x.json"):
        fails(cli("export", root, "-o", inside), "inside the workspace's annotations/ folder")
        assert not inside.exists()
    document = root / FIRST
    before = document.read_bytes()
    fails(cli("export", root, "--format", "w3c", "-o", document), "not an earlier Synoptic")
    assert document.read_bytes() == before
    folder = cli("export", root, "-o", tmp_path)  # in words, as the reader's dialog shows it
    fails(folder, f"{tmp_path} is a folder; give a file name")
    assert "Usage:" not in folder.stderr
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize("command", ["export", "synopsis"])
def test_an_output_under_a_file_says_a_parent_is_not_a_folder(
    cli, annotated, tmp_path, command: str
) -> None:
    root, _ = annotated
    blocker = tmp_path / "file.txt"
    blocker.write_text("mine", encoding="utf-8")
    extra = ("--csv",) if command == "synopsis" else ()
    for target in (blocker / "report.md", blocker / "deeper" / "report.md"):
        result = cli(command, root, *extra, "-o", target)
        fails(result, f"Cannot write {target}: its parent {blocker} is a file, not a folder.")
        assert "File exists" not in result.stderr
        assert result.stderr.count("\n") == 1, "refused before any work, with one sentence"
    assert blocker.read_text(encoding="utf-8") == "mine"


def test_an_export_the_user_has_since_edited_is_never_overwritten(cli, annotated, tmp_path) -> None:
    """An earlier export is recognised by what Synoptic wrote, not by its first lines, so
    conclusions added to a report (or a tweak to the W3C file) survive the next export."""
    root, _ = annotated
    report = tmp_path / "report.md"
    ok(cli("export", root, "-o", report, "--no-synopsis"))
    written = report.read_text(encoding="utf-8")
    edited = written + "\n## My editorial conclusions\n\nThe trial claim is weak.\n"
    report.write_text(edited, encoding="utf-8")
    fails(cli("export", root, "-o", report), "has been changed since Synoptic wrote it")
    assert report.read_text(encoding="utf-8") == edited
    inside = written.replace("Agreed.", "Agreed, and see my conclusions.")
    report.write_text(inside, encoding="utf-8")
    fails(cli("export", root, "-o", report), "--force")
    assert report.read_text(encoding="utf-8") == inside
    ok(cli("export", root, "-o", report, "--force", "--no-synopsis"))
    assert report.read_text(encoding="utf-8") == written
    ok(cli("export", root, "-o", report, "--no-synopsis"))  # unchanged since: replaced

    piped = tmp_path / "piped.md"  # `synoptic export > piped.md`: recognised by its seal
    piped.write_text(ok(cli("export", root, "--no-synopsis")), encoding="utf-8")
    ok(cli("export", root, "-o", piped))
    older = tmp_path / "older.md"  # no seal, no record: it may have been edited
    older.write_text(written.rsplit("\n\n", 1)[0] + "\n", encoding="utf-8")
    fails(cli("export", root, "-o", older), "looks like an earlier Synoptic export")

    annotations = tmp_path / "notes.jsonld"
    ok(cli("export", root, "--format", "w3c", "-o", annotations))
    tweaked = annotations.read_text(encoding="utf-8").replace('"Agreed."', '"Agreed!"')
    annotations.write_text(tweaked, encoding="utf-8")
    fails(cli("export", root, "--format", "w3c", "-o", annotations), "changed since")
    assert annotations.read_text(encoding="utf-8") == tweaked


def test_w3c_export_passes_the_suite(cli, annotated, tmp_path) -> None:
    root, (first, reply, other) = annotated
    collection = json.loads(ok(cli("export", root, "--format", "w3c")))
    failures = {k: v for k, v in check_collection(collection).items() if v}
    assert not failures, "\n".join(format_failures(v) for v in failures.values())
    ids = [item["id"] for item in collection["first"]["items"]]
    assert sorted(ids) == sorted(annotation_iri(a.id) for a in (first, reply, other))
    assert collection["label"] == "Notes on ws"
    out = tmp_path / "notes.jsonld"
    ok(cli("export", root, "--format", "w3c", "-o", out))
    ok(cli("export", root, "--format", "w3c", "-o", out))
    assert json.loads(out.read_text(encoding="utf-8")) == collection


# --- import --------------------------------------------------------------------------------------


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    root = tmp_path / "fresh"
    root.mkdir()
    for doc_id in SAMPLE_IDS:
        shutil.copyfile(SAMPLE_DIR / doc_id, root / doc_id)
    return root


def test_an_export_imports_into_a_fresh_workspace_without_loss(cli, annotated, fresh) -> None:
    root, notes = annotated
    exported = fresh.parent / "notes.jsonld"
    ok(cli("export", root, "--format", "w3c", "-o", exported))
    report = json.loads(ok(cli("import", fresh, exported, "--author", "Ann", "--json")))
    assert sorted(report["imported"]) == sorted(a.id for a in notes)
    assert report["skipped"] == [] and report["warnings"] == []
    loaded = AnnotationStore(fresh, "reader").load()
    assert loaded.problems == ()
    by_id = {a.id: a for a in loaded.annotations}
    first, reply, other = notes
    assert by_id[first.id] == first and by_id[other.id] == other
    assert by_id[reply.id].author == "Ann"
    assert by_id[reply.id].extra == {"imported_creator": "Bob"}
    again = json.loads(ok(cli("import", fresh, exported, "--author", "Ann", "--json")))
    assert again["imported"] == []
    assert {s["reason"] for s in again["skipped"]} == {"an annotation with its id is already in it"}
    assert len(AnnotationStore(fresh, "reader").load().annotations) == 3
    assert ok(cli("export", fresh, "--no-synopsis")).count("Agreed.") == 1


def test_imported_notes_are_credited_to_who_wrote_them(cli, annotated, fresh) -> None:
    """Ann imports Bob's reply: it is stored in Ann's file, but every listing, the report and a
    W3C export again must say Bob wrote it, or the note puts words in Ann's mouth."""
    root, notes = annotated
    _, reply, _ = notes
    exported = fresh.parent / "notes.jsonld"
    ok(cli("export", root, "--format", "w3c", "-o", exported))
    ok(cli("import", fresh, exported, "--author", "Ann", "--json"))
    listed = {row["id"]: row for row in json.loads(ok(cli("notes", fresh, "--json")))}
    assert listed[reply.id]["author"] == "Ann"
    assert listed[reply.id]["imported_creator"] == "Bob"
    table = ok(cli("notes", fresh))
    assert f"{reply.id}  Bob (imported by Ann)" in table
    assert [
        row["id"] for row in json.loads(ok(cli("notes", fresh, "--author", "Bob", "--json")))
    ] == [reply.id]
    report = ok(cli("export", fresh, "--no-synopsis"))
    assert "**Bob** (imported by **Ann**) replied" in report
    again = json.loads(ok(cli("export", fresh, "--format", "w3c")))
    (item,) = [i for i in again["first"]["items"] if i["id"] == annotation_iri(reply.id)]
    assert item["creator"]["name"] == "Bob"
    # Bob importing it back makes it his own again, with no "imported by Bob".
    home = fresh.parent / "home"
    shutil.copytree(fresh, home, ignore=shutil.ignore_patterns("annotations"))
    reexported = fresh.parent / "again.jsonld"
    reexported.write_text(json.dumps(again), encoding="utf-8")
    ok(cli("import", home, reexported, "--author", "Bob", "--json"))
    mine = {row["id"]: row for row in json.loads(ok(cli("notes", home, "--json")))}
    assert mine[reply.id]["author"] == "Bob" and mine[reply.id]["imported_creator"] is None


def test_import_reports_what_it_skipped(cli, fresh) -> None:
    sample = Path(__file__).parent / "data" / "w3c" / "tools" / "samples" / "correct"
    report = json.loads(ok(cli("import", fresh, sample / "collection1.json", "--json")))
    assert report["imported"] == []
    assert len(report["skipped"]) == 41
    assert all(set(s) == {"id", "reason"} and s["reason"] for s in report["skipped"])
    assert not (fresh / "annotations").exists()
    text = text_of(fresh, FIRST)
    quote = text[text.index(".") + 2 : text.index(".", text.index(".") + 2) + 1]
    hypothesis = [
        {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": "https://hypothes.is/a/1",
            "type": "Annotation",
            "creator": {"type": "Person", "name": "Hypo"},
            "body": [{"type": "TextualBody", "value": "Hmm."}],
            "target": {
                "source": f"https://example.com/{FIRST}",
                "selector": [{"type": "TextQuoteSelector", "exact": quote}],
            },
        },
        {"id": "https://hypothes.is/a/2", "type": "Annotation", "target": "https://x.org/"},
    ]
    path = fresh.parent / "hypothesis.json"
    path.write_text(json.dumps(hypothesis), encoding="utf-8")
    result = ok(cli("import", fresh, path, "--author", "Ann"))
    assert result.splitlines()[0] == "Imported 1 annotation into fresh as Ann."
    assert "skipped https://hypothes.is/a/2: its target https://x.org/ is not a document" in result
    (made,) = AnnotationStore(fresh, "reader").load().annotations
    assert made.target.quote == quote and made.note == "Hmm."
    assert made.extra == {"imported_creator": "Hypo", "imported_from": "https://hypothes.is/a/1"}


def test_hypothesis_notes_on_a_web_page_land_once_told_which_document_holds_it(cli, fresh) -> None:
    """Hypothesis names the page by its address, which no workspace file has: the import says
    which addresses it could not place and how to name their document, and --source does."""
    text = text_of(fresh, SECOND)
    quote = "may modulate key neurotransmitters like serotonin and norepinephrine"
    start = text.index(quote)
    page = "https://kratom.example/articles/mdd-and-kratom/"
    exported = {  # as h's JSON-LD presenter writes an annotation
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "id": "https://hypothes.is/a/AbC_123-xy",
        "motivation": "commenting",
        "created": "2024-03-04T09:15:22.123456+00:00",
        "modified": "2024-03-05T10:00:00.000000+00:00",
        "creator": "acct:dana@hypothes.is",
        "body": [
            {"type": "TextualBody", "value": "Which study?", "format": "text/markdown"},
            {"type": "TextualBody", "value": "unsourced", "purpose": "tagging"},
        ],
        "target": [
            {
                "source": page,
                "selector": [
                    {
                        "type": "XPathSelector",
                        "value": "/main[1]/p[3]",
                        "refinedBy": {"type": "TextPositionSelector", "start": 9, "end": 76},
                    },
                    {"type": "TextPositionSelector", "start": start + 210, "end": start + 277},
                    {
                        "type": "TextQuoteSelector",
                        "exact": quote,
                        "prefix": text[start - 20 : start],
                        "suffix": text[start + len(quote) : start + len(quote) + 20],
                    },
                ],
            }
        ],
    }
    path = fresh.parent / "hypothesis.jsonld"
    path.write_text(json.dumps([exported]), encoding="utf-8")
    first = ok(cli("import", fresh, path, "--author", "Ann"))
    assert first.startswith("Imported 0 annotations")
    assert f"\n  {page} (1 annotation)\n" in first and "--source URL=ID" in first
    unmapped = json.loads(ok(cli("import", fresh, path, "--author", "Ann", "--json")))
    assert unmapped["unknown_sources"] == {page: 1}
    # the address as the browser shows it, without the final slash
    told = ok(cli("import", fresh, path, "--author", "Ann", "--source", f"{page[:-1]}={SECOND}"))
    assert told.splitlines() == ["Imported 1 annotation into fresh as Ann."]
    (made,) = AnnotationStore(fresh, "reader").load().annotations
    assert (made.target.doc, made.target.start, made.target.quote) == (SECOND, start, quote)
    assert made.note == "Which study?" and made.tags == ("unsourced",)
    assert made.writer == "acct:dana@hypothes.is"
    fails(cli("import", fresh, path, "--source", f"{page}=nope.txt"), "There is no document")
    bad = cli("import", fresh, path, "--source", page)
    assert bad.returncode == 2 and "is not URL=ID" in bad.stderr


def test_import_json_report_escapes_what_another_tool_s_ids_could_do_to_a_terminal(
    cli, fresh
) -> None:
    hostile = "https://x.org/\x9b2J\u202egnp.exe"
    path = fresh.parent / "hostile.json"
    item = {"id": hostile, "type": "Annotation", "target": "https://x.org/"}
    path.write_text(json.dumps([item]), encoding="utf-8")
    printed = ok(cli("import", fresh, path, "--json"))
    assert "\x9b" not in printed and "\u202e" not in printed
    assert json.loads(printed)["skipped"][0]["id"] == hostile


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "not valid JSON"),
        (b'{"type": "Person"}', 'The file holds an object with type "Person"; expected an'),
        (b"{}", 'The file holds an object with no "type"; expected an object with "type": "Anno'),
        (b'"just a string"', "must hold a JSON object"),
        (b"", "synoptic: The file is empty; there are no annotations in it.\n"),
        (b"  \n", "synoptic: The file is empty; there are no annotations in it.\n"),
        pytest.param(
            b'{"type": "Annotation", "body": {"value": ' + b"[" * 600 + b"]" * 600 + b"}}",
            "nested too deeply",
            id="a body nested 600 deep",
        ),
    ],
)
def test_bad_input_is_an_error_and_writes_nothing(cli, fresh, content, message) -> None:
    path = fresh.parent / "bad.json"
    path.write_bytes(content)
    fails(cli("import", fresh, path, "--author", "Ann"), message)
    assert not (fresh / "annotations").exists()


def test_missing_files_and_arguments_are_errors(cli, fresh) -> None:
    fails(cli("import", fresh, fresh / "nope.json"), "There is no file")
    fails(cli("import", fresh, fresh), "is a folder")
    usage = cli("import", fresh, "a", "b")
    assert usage.returncode == 2 and "Give [WORKSPACE] FILE" in usage.stderr  # as click's own


def test_what_import_changed_to_fit_is_on_stderr_and_in_the_json(cli, fresh) -> None:
    quote = text_of(fresh, FIRST)[:40]
    item = {
        "id": "https://tool.example/a/1",
        "type": "Annotation",
        "body": [{"type": "TextualBody", "purpose": "tagging", "value": "two\nlines"}],
        "target": {"source": FIRST, "selector": {"type": "TextQuoteSelector", "exact": quote}},
    }
    path = fresh.parent / "tool.json"
    path.write_text(json.dumps(item), encoding="utf-8")
    result = cli("import", fresh, path, "--author", "Ann")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Imported 1 annotation into fresh as Ann.\n"
    assert result.stderr == (
        'synoptic: warning: https://tool.example/a/1: the tag "two\\nlines" is stored as '
        '"two lines" (a tag is one line)\n'
    )
    (made,) = AnnotationStore(fresh, "reader").load().annotations
    assert made.tags == ("two lines",)
    other = fresh.parent / "other"
    shutil.copytree(fresh, other, ignore=shutil.ignore_patterns("annotations"))
    report = json.loads(ok(cli("import", other, path, "--author", "Ann", "--json")))
    assert report["warnings"] == [
        {
            "id": "https://tool.example/a/1",
            "reason": 'the tag "two\\nlines" is stored as "two lines" (a tag is one line)',
        }
    ]


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("1e999", "the number 1e999 at [0].synoptic:extra.score is out of range (it would be"),
        ("-1E400", "the number -1E400 at [0].synoptic:extra.score is out of range"),
        ("NaN", "not valid JSON: NaN at [0].synoptic:extra.score is not a JSON number."),
        ("-Infinity", "-Infinity at [0].synoptic:extra.score is not a JSON number."),
    ],
)
def test_a_number_json_cannot_hold_refuses_the_file_and_says_where(
    cli, fresh, number: str, message: str
) -> None:
    """Python reads 1e999 as infinity; kept in the note's extra fields, it was written to the
    notes as ``Infinity``, which is not JSON and which no other tool can read."""
    item = {
        "id": "https://tool.example/a/1",
        "type": "Annotation",
        "synoptic:extra": {"score": "NUMBER"},
        "target": {
            "source": FIRST,
            "selector": {"type": "TextQuoteSelector", "exact": text_of(fresh, FIRST)[:40]},
        },
    }
    path = fresh.parent / "numbers.json"
    path.write_text(json.dumps([item]).replace('"NUMBER"', number), encoding="utf-8")
    fails(cli("import", fresh, path, "--author", "Ann"), message)
    assert not (fresh / "annotations").exists()
