"""A desk's store: a write touches its author's own files, not every author's.

A desk of twenty people keeps 2,000 notes files; an edit or a deletion looked at each of them
twice (to find the note, then again under the lock), which was most of its time. Only the
writer's own folder can hold a note they may change, so only that is looked at; the others'
files are read again, when changed, by the next load.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from annotations.errors import NotYourAnnotation, UnknownAnnotation
from annotations.model import Annotation
from annotations.store import AnnotationStore, MemoryShards
from annotations.target import Target
from tests.conftest import SAMPLE_IDS

if TYPE_CHECKING:
    from pathlib import Path

DOC = SAMPLE_IDS[0]


def note(store: AnnotationStore, start: int, text: str = "A note.") -> Annotation:
    source = (store.root / DOC).read_text(encoding="utf-8")
    return Annotation.create(store.author, Target.from_span(DOC, source, start, start + 40), text)


@pytest.fixture(params=["files", "memory"])
def backend(request: pytest.FixtureRequest) -> MemoryShards | None:
    return None if request.param == "files" else MemoryShards()


def test_an_edit_or_a_deletion_reads_no_other_author_s_file(
    sample_workspace: Path, backend: MemoryShards | None
) -> None:
    alice = AnnotationStore(sample_workspace, "Alice", backend=backend)
    bob = AnnotationStore(sample_workspace, "Bob", backend=backend)
    mine = alice.add(note(alice, 0))
    bob.add(note(bob, 100))
    alice.load()
    bobs_file = alice.files.storage(bob.shard_path(DOC))
    read = bobs_file.version
    later = bob.add(note(bob, 200, "Added while Alice edits."))  # Bob's file changes meanwhile

    alice.update(mine.edited(note="Edited."))
    gone = alice.delete(alice.add(note(alice, 300)).id)
    assert alice.own_ids() == {mine.id, gone.id}
    # Bob's file was not read for any of that; the next load reads it, Bob's new note included.
    assert bobs_file.version == read
    loaded = alice.load()
    assert bobs_file.version > read
    assert later in loaded.annotations
    assert [a.note for a in loaded.annotations if a.id == mine.id] == ["Edited."]


def test_another_author_s_note_is_still_refused_and_a_missing_one_unknown(
    sample_workspace: Path, backend: MemoryShards | None
) -> None:
    """Not finding the note in one's own folder still looks everywhere, to say why."""
    alice = AnnotationStore(sample_workspace, "Alice", backend=backend)
    bob = AnnotationStore(sample_workspace, "Bob", backend=backend)
    alice.add(note(alice, 0))
    bobs = bob.add(note(bob, 100))
    with pytest.raises(NotYourAnnotation, match="Bob's annotation"):
        alice.update(bobs.edited(note="Not mine."))
    with pytest.raises(NotYourAnnotation):
        alice.delete(bobs.id)
    with pytest.raises(UnknownAnnotation):
        alice.delete("0" * 32)
    assert alice.get(bobs.id) == bobs
    assert not alice.is_own(bobs)
