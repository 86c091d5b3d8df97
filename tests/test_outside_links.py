"""Links a collaborator could commit into ``annotations/`` or ``.synoptic/``.

``annotations/bob/a.json -> ~/.ssh/id_rsa`` would be read and its text shown in errors and
exports; ``annotations/you -> /somewhere/else`` would have your notes written there. A link out
of the workspace is refused as for documents: reported with its reason, left untouched, read
only when the user's environment says so, and never written through.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from annotations.author import resolve_author
from annotations.errors import AnnotationError, ReadOnlyFile
from annotations.gitsetup import apply_setup, plan_setup
from annotations.model import Annotation
from annotations.store import AnnotationStore
from annotations.target import Target
from corpus.claim_rules import load_rules
from tests.conftest import SAMPLE_IDS

DOC = SAMPLE_IDS[0]
ENV = "SYNOPTIC_FOLLOW_OUTSIDE_LINKS"


def note(store: AnnotationStore, text: str = "A note.") -> Annotation:
    source = (store.root / DOC).read_text(encoding="utf-8")
    return Annotation.create(store.author, Target.from_span(DOC, source, 0, 40), text)


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """A folder outside the workspace, standing for the user's private files."""
    folder = tmp_path / "private"
    folder.mkdir()
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_notes_file_linking_out_is_reported_not_read(
    sample_workspace: Path, elsewhere: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bob = AnnotationStore(sample_workspace, "Bob")
    bob.add(note(bob, "Bob's private thought."))
    shard = bob.shard_path(DOC)
    secret = elsewhere / "secret.json"
    shard.rename(secret)
    shard.symlink_to(secret)
    before = snapshot(elsewhere)

    loaded = AnnotationStore(sample_workspace, "Alice").load()
    assert loaded.annotations == ()
    assert [str(p) for p in loaded.problems] == [
        f"{shard}: is a link to {secret}, outside the workspace, so it is not read "
        f"(set {ENV}=1 to read such links)"
    ]
    assert snapshot(elsewhere) == before
    assert shard.is_symlink()

    monkeypatch.setenv(ENV, "1")
    loaded = AnnotationStore(sample_workspace, "Alice").load()
    assert [a.note for a in loaded.annotations] == ["Bob's private thought."]


@pytest.mark.parametrize("follow", [False, True])
def test_notes_are_never_written_through_a_link_out(
    sample_workspace: Path, elsewhere: Path, monkeypatch: pytest.MonkeyPatch, follow: bool
) -> None:
    """Not even when the user lets links out be read: writing elsewhere is never asked for."""
    if follow:
        monkeypatch.setenv(ENV, "1")
    folder = sample_workspace / "annotations"
    folder.mkdir()
    (folder / "alice").symlink_to(elsewhere, target_is_directory=True)
    alice = AnnotationStore(sample_workspace, "Alice")
    with pytest.raises(ReadOnlyFile, match="outside the workspace, so nothing is written"):
        alice.add(note(alice))
    assert list(elsewhere.iterdir()) == []
    assert not (folder / ".gitignore").exists() or follow  # nothing half-done either


def test_our_own_notes_file_linking_out_is_not_written(
    sample_workspace: Path, elsewhere: Path
) -> None:
    alice = AnnotationStore(sample_workspace, "Alice")
    first = alice.add(note(alice, "First."))
    shard = alice.shard_path(DOC)
    kept = elsewhere / "kept.json"
    shard.rename(kept)
    shard.symlink_to(kept)
    before = snapshot(elsewhere)
    alice = AnnotationStore(sample_workspace, "Alice")
    with pytest.raises(ReadOnlyFile):
        alice.add(note(alice, "Second."))
    with pytest.raises(AnnotationError):
        alice.delete(first.id)
    assert snapshot(elsewhere) == before
    assert shard.is_symlink()


def test_workspace_claim_rules_linking_out_are_not_read(
    sample_workspace: Path, elsewhere: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = elsewhere / "rules.toml"
    rules.write_text("[hedges]\npatterns = ['secret words']\n", encoding="utf-8")
    (sample_workspace / ".synoptic").mkdir()
    link = sample_workspace / ".synoptic" / "claims.toml"
    link.symlink_to(rules)
    _, errors = load_rules(sample_workspace)
    assert [str(e) for e in errors] == [
        f"{link}: is a link to {rules}, outside the workspace, so it is not read "
        f"(set {ENV}=1 to read such links)"
    ]
    monkeypatch.setenv(ENV, "1")
    assert load_rules(sample_workspace)[1] == []


def test_author_config_linking_out_is_not_read(sample_workspace: Path, elsewhere: Path) -> None:
    config = elsewhere / "config.toml"
    config.write_text('author = "Mallory"\n', encoding="utf-8")
    (sample_workspace / ".synoptic").mkdir()
    (sample_workspace / ".synoptic" / "config.toml").symlink_to(config)
    with pytest.raises(AnnotationError, match="outside the workspace, so it is not read"):
        resolve_author(sample_workspace)


def test_git_setup_does_not_append_through_a_link_out(
    sample_workspace: Path, elsewhere: Path
) -> None:
    profile = elsewhere / ".profile"
    profile.write_text("export PATH=/usr/bin\n", encoding="utf-8")
    (sample_workspace / ".gitattributes").symlink_to(profile)
    with pytest.raises(AnnotationError, match="outside the workspace, so nothing is written"):
        apply_setup(plan_setup(sample_workspace, "synoptic"))
    assert profile.read_text(encoding="utf-8") == "export PATH=/usr/bin\n"


def test_links_made_after_a_look_are_caught_at_the_next_one(
    sample_workspace: Path, elsewhere: Path
) -> None:
    """The look for changes checks only the file itself in a folder it has just listed
    (a full resolve of 2,000 files was a third of a second): a file or a folder turned into a
    link out since the last look is still refused, and a link inside the workspace still read."""
    bob = AnnotationStore(sample_workspace, "Bob")
    bob.add(note(bob, "Bob's note."))
    carol = AnnotationStore(sample_workspace, "Carol")
    carol.add(note(carol, "Carol's note."))
    alice = AnnotationStore(sample_workspace, "Alice")
    assert len(alice.load().annotations) == 2

    shard = bob.shard_path(DOC)
    secret = elsewhere / "secret.json"
    shard.rename(secret)
    shard.symlink_to(secret)
    folder = carol.author_folder
    folder.rename(elsewhere / "carol")
    folder.symlink_to(elsewhere / "carol", target_is_directory=True)
    loaded = alice.load()
    assert loaded.annotations == ()
    assert sorted(str(p.path) for p in loaded.problems) == sorted([str(shard), str(folder)])

    shard.unlink()
    inside = sample_workspace / "bob-notes.json"
    inside.write_bytes(secret.read_bytes())
    shard.symlink_to(inside)
    assert [a.note for a in alice.load().annotations] == ["Bob's note."]
