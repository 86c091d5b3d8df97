"""Workspaces: discovery, opening, the sample workspace, loading and caching."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from corpus.errors import DocumentError, WorkspaceError
from corpus.locations import DATA_DIR_ENV, bundled_sample_files, data_dir, sample_workspace
from corpus.model import Document
from corpus.workspace import Workspace, discover_documents

SAMPLE_DIR = Path(__file__).parents[1] / "corpus" / "sample"
SEED_NAMES = [
    "000_c4c750e82b5b3139.txt",
    "001_55d807d69666449d.txt",
    "002_168a9ddd2ba1cce5.txt",
    "003_b16bf23216b1dd1d.txt",
    "004_7c2eab990f88949c.txt",
]
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point Synoptic's data folder at a temporary one, never the real home folder."""
    home = tmp_path / "data-home"
    monkeypatch.setenv(DATA_DIR_ENV, str(home))
    return home


def write(path: Path, text: str = "Some text.\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- discovery ---------------------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "papers"
    for relative in [
        "b.txt",
        "a.md",
        "Upper.TXT",
        "sub/c.txt",
        "sub/deeper/d.md",
        "sub/annotations/kept.txt",  # only the top-level annotations/ is the workspace's own
        "annotations/notes.txt",
        "annotations/inner/more.md",
        ".hidden.txt",
        ".git/HEAD.txt",
        "sub/.cache/cached.md",
        "image.png",
        "notes.rst",
        "README",
        "data.json",
        "page.html",
        "long.markdown",
    ]:
        write(root / relative)
    (root / "empty-folder").mkdir()
    return root


EXPECTED_IDS = [
    "Upper.TXT",
    "a.md",
    "b.txt",
    "long.markdown",  # Markdown under another of its names
    "sub/annotations/kept.txt",
    "sub/c.txt",
    "sub/deeper/d.md",
]


def test_discovery_finds_text_and_markdown_recursively(tree: Path) -> None:
    ids = discover_documents(tree)
    assert ids == EXPECTED_IDS
    assert ids == sorted(ids)
    assert all("\\" not in i and not i.startswith("/") for i in ids)


def test_open_lists_the_documents(tree: Path) -> None:
    workspace = Workspace.open(tree)
    assert workspace.document_ids == EXPECTED_IDS
    assert workspace.root == tree.resolve()
    assert workspace.is_sample is False
    assert workspace.name == "papers"
    assert workspace.path_of("sub/deeper/d.md") == tree.resolve() / "sub" / "deeper" / "d.md"
    assert workspace.path_of("sub/deeper/d.md").is_file()


def test_open_through_a_relative_path(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree.parent)
    workspace = Workspace.open(Path("papers"))
    assert workspace.root == tree.resolve()
    assert workspace.root.is_absolute()
    assert workspace.document_ids == EXPECTED_IDS


def test_discovery_does_not_follow_folder_links(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    write(root / "real/doc.txt")
    try:
        (root / "real" / "loop").symlink_to(root, target_is_directory=True)
    except OSError:
        pytest.skip("symbolic links are not available here")
    assert discover_documents(root) == ["real/doc.txt"]


def _refuse_to_list(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Make the folder called ``name`` unlistable, as a missing read permission does (the
    tests may run as root, who may read any folder)."""
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if Path(path).name == name:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_a_folder_that_cannot_be_listed_is_reported_not_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "ws"
    write(root / "a.txt")
    write(root / "locked" / "b.txt")
    _refuse_to_list(monkeypatch, "locked")
    workspace = Workspace.open(root)
    assert workspace.document_ids == ["a.txt"]
    assert workspace.unlisted == (("locked", "Permission denied"),)
    assert workspace.unlisted_messages() == [
        "locked/: a folder that cannot be read (Permission denied); its documents are left out"
    ]


def test_a_workspace_folder_that_cannot_be_listed_is_an_error_not_an_empty_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "ws"
    write(root / "a.txt")
    _refuse_to_list(monkeypatch, "ws")
    with pytest.raises(WorkspaceError) as caught:
        Workspace.open(root)
    assert str(caught.value) == f"Cannot read the folder {root} (Permission denied)."


def test_missing_folder_is_a_workspace_error(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    with pytest.raises(WorkspaceError) as caught:
        Workspace.open(missing)
    assert str(caught.value) == f"There is no folder at {missing}."


def test_file_path_is_a_workspace_error(tmp_path: Path) -> None:
    file = write(tmp_path / "single.txt")
    with pytest.raises(WorkspaceError) as caught:
        Workspace.open(file)
    assert str(caught.value) == f"{file} is a file; a workspace is a folder of documents."


def test_workspace_without_documents_opens_empty(tmp_path: Path) -> None:
    root = tmp_path / "empty"
    root.mkdir()
    write(root / "picture.png")
    workspace = Workspace.open(root)
    assert workspace.document_ids == []
    assert list(workspace.load_all()) == []


# --- the sample workspace ----------------------------------------------------------------------


def test_data_dir_follows_the_environment_and_is_created(data_home: Path) -> None:
    assert not data_home.exists()
    assert data_dir() == data_home
    assert data_home.is_dir()


def test_bundled_sample_files_are_the_seeds() -> None:
    files = bundled_sample_files()
    assert [name for name, _ in files] == SEED_NAMES
    for name, data in files:
        assert data == (SAMPLE_DIR / name).read_bytes()


def test_sample_workspace_is_copied_on_first_use(data_home: Path) -> None:
    workspace = Workspace.open(None)
    target = data_home / "sample"
    assert workspace.root == target.resolve()
    assert workspace.is_sample is True
    assert workspace.name == "sample workspace"
    assert workspace.document_ids == SEED_NAMES
    for name in SEED_NAMES:
        assert (target / name).read_bytes() == (SAMPLE_DIR / name).read_bytes()
    assert (target / "annotations").is_dir()
    # The staging folder was renamed into place, nothing is left behind.
    assert sorted(p.name for p in data_home.iterdir()) == ["sample"]


def test_sample_workspace_is_never_overwritten(data_home: Path) -> None:
    first = Workspace.open(None)
    edited = first.path_of(SEED_NAMES[0])
    edited.write_text("My own notes replace the article.\n", encoding="utf-8")
    first.path_of(SEED_NAMES[1]).unlink()
    write(first.root / "mine.md", "# Added by me\n")

    again = Workspace.open(None)
    assert again.root == first.root
    assert edited.read_text(encoding="utf-8") == "My own notes replace the article.\n"
    assert again.load(SEED_NAMES[0]).text == "My own notes replace the article.\n"
    assert SEED_NAMES[1] not in again.document_ids
    assert not again.path_of(SEED_NAMES[1]).exists()
    assert "mine.md" in again.document_ids
    assert sample_workspace() == data_home / "sample"


def test_sample_documents_all_load(data_home: Path) -> None:
    workspace = Workspace.open(None)
    results = list(workspace.load_all())
    assert all(isinstance(r, Document) for r in results)
    assert [r.id for r in results if isinstance(r, Document)] == SEED_NAMES
    assert workspace.root == (data_home / "sample").resolve()


# --- loading -----------------------------------------------------------------------------------


@pytest.fixture
def mixed(tmp_path: Path) -> Workspace:
    root = tmp_path / "mixed"
    write(root / "a.txt", "Alpha heading\n\nFirst sentence of alpha. Second sentence of alpha.\n")
    (root / "b.txt").write_bytes(PNG_HEADER)
    write(root / "c.md", "# Gamma\n\n- item one\n- item two\n\nGamma body. More body.\n")
    return Workspace.open(root)


def test_load_caches_the_document(mixed: Workspace) -> None:
    assert mixed.loaded("a.txt") is None
    first = mixed.load("a.txt")
    assert mixed.loaded("a.txt") is first
    mixed.path_of("a.txt").write_text("Changed on disk.\n", encoding="utf-8")
    assert mixed.load("a.txt") is first
    assert first.text.startswith("Alpha heading")


def test_load_of_a_vanished_file_raises(mixed: Workspace) -> None:
    mixed.path_of("c.md").unlink()
    assert mixed.loaded("c.md") is None
    with pytest.raises(DocumentError) as caught:
        mixed.load("c.md")
    assert caught.value.doc_id == "c.md"
    assert caught.value.reason.startswith("cannot be read")


def test_load_of_a_binary_document_raises(mixed: Workspace) -> None:
    with pytest.raises(DocumentError) as caught:
        mixed.load("b.txt")
    assert caught.value.doc_id == "b.txt"
    assert "binary" in caught.value.reason
    assert mixed.loaded("b.txt") is None
    assert mixed.path_of("b.txt").read_bytes() == PNG_HEADER


def test_load_of_an_unknown_id_raises(mixed: Workspace) -> None:
    with pytest.raises(DocumentError) as caught:
        mixed.load("../outside.txt")
    assert str(caught.value) == "../outside.txt: is not a document of this workspace"


def test_load_all_yields_errors_and_continues(mixed: Workspace) -> None:
    results = list(mixed.load_all())
    assert len(results) == 3
    first, second, third = results
    assert isinstance(first, Document)
    assert first.id == "a.txt"
    assert isinstance(second, DocumentError)
    assert second.doc_id == "b.txt"
    assert isinstance(third, Document)
    assert third.id == "c.md"
    assert third.title == "Gamma"
    assert mixed.loaded("a.txt") is first
    assert mixed.loaded("c.md") is third


# --- positions in a document -------------------------------------------------------------------


def test_sentence_at_offsets(mixed: Workspace) -> None:
    doc = mixed.load("c.md")
    texts = [doc.sentence_text(i) for i in range(len(doc.sentences))]
    assert texts == ["Gamma", "item one", "item two", "Gamma body.", "More body."]
    for i, sentence in enumerate(doc.sentences):
        assert doc.sentence_at(sentence.start) == i
        assert doc.sentence_at(sentence.end - 1) == i
        assert doc.sentence_at((sentence.start + sentence.end) // 2) == i
    # Before the first sentence ("# ") there is nothing earlier: the first sentence.
    assert doc.sentence_at(0) == 0
    # A blank line and a list marker resolve to the sentence before them.
    blank_line = doc.text.index("\n\n") + 1
    assert doc.sentence_at(blank_line) == 0
    marker = doc.text.index("- item two")
    assert doc.sentence_at(marker) == 1
    # The space between two sentences belongs to the first of them.
    assert doc.sentence_at(doc.text.index(" More body")) == 3
    # Past the end: the last sentence.
    assert doc.sentence_at(len(doc.text) + 100) == 4


def test_paragraph_starts_are_first_sentences_of_blocks(mixed: Workspace) -> None:
    doc = mixed.load("a.txt")
    assert [doc.sentence_text(i) for i in range(len(doc.sentences))] == [
        "Alpha heading",
        "First sentence of alpha.",
        "Second sentence of alpha.",
    ]
    assert doc.paragraph_starts == [0, 1]
    assert [doc.block_of_sentence(i) for i in range(3)] == [0, 1, 1]
    assert doc.words == 10


def test_file_names_that_are_not_utf8_each_get_their_own_stand_in(tmp_path: Path) -> None:
    """Bad bytes all read as U+FFFD, so two such names, or one and a file really called that,
    would share a stand-in: none may hide another from the listing or the report."""
    root = tmp_path / "ws"
    root.mkdir()
    (root / "caf\ufffd.txt").write_text("A real document with a replacement character in its name.")
    for name in (b"caf\xe9.txt", b"caf\xe8.txt"):
        with open(os.fsencode(root) + b"/" + name, "wb") as out:
            out.write(b"Kratom may relieve pain.\n")
    workspace = Workspace.open(root)
    assert workspace.document_ids == ["caf\ufffd (2).txt", "caf\ufffd (3).txt", "caf\ufffd.txt"]
    assert workspace.misnamed == {"caf\ufffd (2).txt", "caf\ufffd (3).txt"}
    assert workspace.load("caf\ufffd.txt").text.startswith("A real document")
    with pytest.raises(DocumentError, match="not valid UTF-8"):
        workspace.load("caf\ufffd (2).txt")


@pytest.fixture
def linked(tmp_path: Path) -> Path:
    """A workspace whose ``notes.txt`` is a link to a private file outside it, and whose
    ``same.txt`` is a link to ``a.txt`` within it."""
    private = tmp_path / "home" / ".ssh" / "id_rsa"
    private.parent.mkdir(parents=True)
    private.write_text("PRIVATE KEY material. Do not share.\n", encoding="utf-8")
    root = tmp_path / "shared"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("Kratom may reduce anxiety.\n", encoding="utf-8")
    (root / "notes.txt").symlink_to(private)
    (root / "sub" / "up.md").symlink_to(Path("..") / ".." / "home" / ".ssh" / "id_rsa")
    (root / "same.txt").symlink_to("a.txt")
    return root


def test_a_link_to_a_file_outside_the_workspace_is_not_read(linked: Path) -> None:
    """A collaborator could commit ``notes.txt -> ~/.ssh/id_rsa``: the reader would show it and
    its text could be quoted into committed notes. Reported with the reason, like a binary
    file, while a link within the workspace reads as usual."""
    workspace = Workspace.open(linked)
    assert workspace.document_ids == ["a.txt", "notes.txt", "same.txt", "sub/up.md"]
    private = (linked.parent / "home" / ".ssh" / "id_rsa").resolve()
    for doc_id in ("notes.txt", "sub/up.md"):
        with pytest.raises(DocumentError) as caught:
            workspace.load(doc_id)
        assert str(caught.value) == (
            f"{doc_id}: is a link to {private}, outside the workspace, so it is not read "
            "(set SYNOPTIC_FOLLOW_OUTSIDE_LINKS=1 to read such links)"
        )
    assert workspace.load("same.txt").text == "Kratom may reduce anxiety.\n"
    loaded = [r.id if isinstance(r, Document) else r.doc_id for r in workspace.load_all()]
    assert loaded == ["a.txt", "notes.txt", "same.txt", "sub/up.md"]  # the others still load


def test_a_link_made_after_the_workspace_was_opened_is_caught_too(linked: Path) -> None:
    workspace = Workspace.open(linked)
    (linked / "a.txt").unlink()
    (linked / "a.txt").symlink_to(linked / "notes.txt")
    with pytest.raises(DocumentError, match="outside the workspace"):
        workspace.load("a.txt")


def test_links_outside_are_read_when_the_user_says_so(
    linked: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The choice is the user's environment, never a file in the (shared) workspace."""
    monkeypatch.setenv("SYNOPTIC_FOLLOW_OUTSIDE_LINKS", "1")
    workspace = Workspace.open(linked)
    assert workspace.load("notes.txt").text.startswith("PRIVATE KEY material.")
