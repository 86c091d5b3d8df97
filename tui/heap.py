"""Keeping the garbage collector's full passes off the reader's event loop.

A full pass of CPython's collector walks every container object alive, and stops every
thread while it does. The reader's documents, claims, passage index and notes are a few
hundred thousand such objects on a large workspace (sentences, blocks, cues, term counts),
all alive until the reader quits, and every full pass walked them all again: 100-300 ms
during which the screen froze, every few dozen key presses, since drawing keeps making
objects that live a while (cached lines) and so keeps triggering full passes.

What the background work builds is therefore moved out of the collector's sight
(:func:`gc.freeze`) as each stage hands it over; later passes walk only what was made since.
The young generations are collected first, so that what is frozen is, but for what a full
pass alone would find, alive. What a process freezes is released again when its reader
exits (:func:`release`), so a process making many readers (the tests) does not keep them.
"""

from __future__ import annotations

import gc
import time

KEEP_EVERY = 0.5
"""Seconds between freezes while a stage is under way (see :func:`keep_built_now_and_then`)."""

_released = False
"""An earlier reader of this process released what it froze: it may be garbage now."""

_kept: set[str] = set()
"""The stages whose results have been frozen by this reader (see :func:`keep_built_once`)."""


def freeze_start_up() -> None:
    """Freeze what the imports made, before the first reader exists.

    Textual's, Rich's and our modules live as long as the process; the collector's first
    full pass over them fell in the first frame (20-35 ms). A reader made after another one
    was released collects first, so the earlier one's remains are not frozen with it.
    """
    if gc.get_freeze_count():
        return
    if _released:
        gc.collect()
    gc.freeze()


def keep_built() -> None:
    """What the background work has just handed over lives as long as the reader: freeze it.

    Cheap (the young generations hold a few thousand objects at most, and freezing moves
    lists, it walks nothing), so it is done after each stage.
    """
    gc.collect(1)
    gc.freeze()


def keep_built_once(stage: str) -> None:
    """:func:`keep_built`, the first time ``stage`` hands its results over only.

    Notes are read again after every save and every pull, claims after every claim mark, the
    synopsis after them: what an earlier round built is garbage then, and frozen it would never
    be collected, so a long session would grow with every save. The first round's results are
    the bulk (documents, claims and index of the whole workspace); later rounds are left to the
    collector.
    """
    if stage not in _kept:
        _kept.add(stage)
        keep_built()


_last_kept = 0.0


def keep_built_now_and_then() -> None:
    """:func:`keep_built` at most every :data:`KEEP_EVERY` seconds, while a stage is under way.

    Reading a thousand documents, or finding their claims, makes enough objects for several
    full passes before the stage ends, each longer than the one before (300 ms by the end).
    """
    global _last_kept
    if "index" in _kept:  # the first build is over; later rounds are the collector's
        return
    now = time.perf_counter()
    if now - _last_kept >= KEEP_EVERY:
        _last_kept = now
        keep_built()


def release() -> None:
    """The reader exits: what it froze may become garbage, which only unfrozen is collected."""
    global _released
    gc.unfreeze()
    _kept.clear()
    _released = True
