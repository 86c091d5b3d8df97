"""What an export wrote and what it had to leave out, as data rather than words.

``synoptic export`` says on stderr, in sentences, which notes files, documents and folders it
could not read. The reader's export dialog runs that command and titles its notice by what the
report lacks ("Exported without some notes", "Exported; 1 document could not be read"): read
from those sentences, the title silently became "something was left out" whenever they were
reworded. So the command hands the reader this record (``--outcome-json``), and the dialog
words its title from the facts, whatever the command line's sentences say.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class LeftOutOfExport:
    """What an export lacks because something could not be read."""

    notes_files: tuple[str, ...] = ()
    """Notes files that could not be read: their notes are not in the export."""
    documents: tuple[str, ...] = ()
    """Documents that could not be read. Their notes are in a report, "not placed" (its text
    is not there to place them in): no note is missing for them."""
    folders: tuple[str, ...] = ()
    """Folders that could not be listed: the documents in them are missing from the report."""
    not_placed: int = 0
    """Notes the report lists as not placed, on the documents that could not be read."""

    @property
    def anything(self) -> bool:
        """Whether anything could not be read (notes not placed follow from a document)."""
        return bool(self.notes_files or self.documents or self.folders)


@dataclass(frozen=True, slots=True)
class ExportOutcome:
    """An export written to a file: how many notes went where, and what was left out."""

    notes: int
    path: str
    left_out: LeftOutOfExport = LeftOutOfExport()

    def to_json(self) -> str:
        left_out = self.left_out
        return json.dumps(
            {
                "notes": self.notes,
                "path": self.path,
                "left_out": {
                    "notes_files": list(left_out.notes_files),
                    "documents": list(left_out.documents),
                    "folders": list(left_out.folders),
                    "not_placed": left_out.not_placed,
                },
            }  # ASCII: a file name's bidirectional marks cannot act on a terminal
        )

    @classmethod
    def from_json(cls, text: str) -> ExportOutcome | None:
        """The outcome ``text`` holds; None when it holds none (nothing was written)."""
        try:
            data: Any = json.loads(text)
            left_out = data["left_out"]
            return cls(
                notes=int(data["notes"]),
                path=str(data["path"]),
                left_out=LeftOutOfExport(
                    notes_files=tuple(map(str, left_out["notes_files"])),
                    documents=tuple(map(str, left_out["documents"])),
                    folders=tuple(map(str, left_out["folders"])),
                    not_placed=int(left_out["not_placed"]),
                ),
            )
        except (ValueError, TypeError, KeyError):
            return None
