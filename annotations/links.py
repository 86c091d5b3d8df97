"""Evidence links: what a note cites, normalised so that the same source is always spelled alike.

A link is typed in by a person and later opened by a click in a terminal, so parsing is strict:
only web addresses, DOIs, PubMed ids and passages of the workspace are accepted, and anything
that could hide what it really points to (control characters, escape sequences, zero-width or
bidirectional marks, embedded whitespace) is refused with a message saying why. DOIs and PubMed
ids are rewritten to their one canonical web address, so two notes citing ``doi:10.1/x`` and
``https://dx.doi.org/10.1/x`` are recognisably citing the same thing.
"""

from __future__ import annotations

import copy
import functools
import re
import unicodedata
from dataclasses import dataclass, field, replace
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from annotations.errors import LinkError
from annotations.target import Target
from annotations.values import MAX_NESTING, nests_too_deep, not_text

if TYPE_CHECKING:
    from collections.abc import Mapping

_LINK_FIELDS = frozenset({"kind", "href", "relation", "title", "target"})


class LinkKind(StrEnum):
    """What a link points to; decides how the reader opens it."""

    URL = "url"
    DOI = "doi"
    PMID = "pmid"
    PASSAGE = "passage"


class Relation(StrEnum):
    """How the cited source bears on the annotated claim."""

    SUPPORTS = "supports"
    REFUTES = "refutes"
    CONTEXT = "context"


DOI_RESOLVER = "https://doi.org/"
PUBMED = "https://pubmed.ncbi.nlm.nih.gov/"
DOI_HOSTS = frozenset({"doi.org", "dx.doi.org", "www.doi.org"})
PUBMED_HOSTS = frozenset({"pubmed.ncbi.nlm.nih.gov", "www.ncbi.nlm.nih.gov", "ncbi.nlm.nih.gov"})

_DOI = re.compile(r"10\.\d{4,9}/\S+")
_DOI_PREFIXED = re.compile(r"doi:\s*(?P<doi>.+)", re.IGNORECASE)
_PMID = re.compile(r"pmid\s*:?\s*(?P<pmid>\d{1,12})", re.IGNORECASE)
_PUBMED_PATH = re.compile(r"/(?:pubmed/)?(?P<pmid>\d{1,9})/?")
_SCHEME = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):")
_URL_FORBIDDEN = frozenset('\\<>"{}|^`')
_DOI_SAFE = "/:;()[]._-~!$&'*+,=@"
"""Characters left as they are when a DOI becomes part of a URL; '#', '?', '%' and the like are
percent-encoded so that doi.org receives the whole DOI."""


def _unsafe_character(text: str) -> str | None:
    """Why ``text`` cannot be shown and opened safely, or None when every character is fine.

    Control characters (C0, DEL, C1: this includes the ESC of terminal escape sequences) and
    format characters (zero-width spaces and joiners, bidirectional overrides, BOM) make a link
    look different from where it goes; any whitespace other than a plain space, and a plain
    space anywhere the caller did not allow it, is reported by the caller.
    """
    if text.isascii() and text.isprintable():
        return None  # the common case, decided in C
    for char in text:
        category = unicodedata.category(char)
        if category == "Cs":
            return not_text(char)
        if category == "Cc":
            if char in "\n\r":
                return "contains a line break"
            if char == "\t":
                return "contains a tab"
            return f"contains the control character U+{ord(char):04X}"
        if category == "Cf":
            return f"contains the invisible character U+{ord(char):04X} ({_char_name(char)})"
        if category in ("Zs", "Zl", "Zp") and char != " ":
            return f"contains the unusual space U+{ord(char):04X} ({_char_name(char)})"
    return None


def _char_name(char: str) -> str:
    return unicodedata.name(char, "unnamed").lower()


def _shown(ref: str) -> str:
    """``ref`` made safe to quote back in an error message: escapes instead of raw controls."""
    text = ref if len(ref) <= 80 else ref[:77] + "..."
    return ascii(text) if _unsafe_character(text) else repr(text)


def parse_relation(text: str) -> Relation:
    """Read "supports", "refutes" or "context" (any case) as typed by a user."""
    word = text.strip().lower()
    try:
        return Relation(word)
    except ValueError:
        choices = ", ".join(r.value for r in Relation)
        raise LinkError(f"{_shown(text)} is not a relation; use one of: {choices}.") from None


def _doi_href(doi: str) -> str:
    return DOI_RESOLVER + quote(doi, safe=_DOI_SAFE)


def _pmid_href(pmid: str) -> str:
    number = int(pmid)
    if not 0 < number < 1_000_000_000:
        raise LinkError(f"PMID {pmid} does not exist; a PubMed id is a number of up to 9 digits.")
    return f"{PUBMED}{number}/"


def _web_link(ref: str, scheme: str) -> tuple[LinkKind, str]:
    """Check an http(s) address; DOI and PubMed addresses become their canonical form."""
    if " " in ref:
        raise LinkError(f"The web address {_shown(ref)} contains a space; encode it as %20.")
    bad = sorted(set(ref) & _URL_FORBIDDEN)
    if bad:
        raise LinkError(f"The web address {_shown(ref)} contains {bad[0]!r}, which URLs may not.")
    try:
        parts = urlsplit(ref)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError as exc:
        raise LinkError(f"{_shown(ref)} is not a valid web address ({exc}).") from None
    if not parts.netloc or not host:
        raise LinkError(f"The web address {_shown(ref)} has no host name.")
    if host in DOI_HOSTS:
        doi = unquote(parts.path.lstrip("/"))
        if _DOI.fullmatch(doi):
            return LinkKind.DOI, _doi_href(doi)
    if host in PUBMED_HOSTS:
        match = _PUBMED_PATH.fullmatch(parts.path)
        if match and (host == "pubmed.ncbi.nlm.nih.gov" or parts.path.startswith("/pubmed/")):
            return LinkKind.PMID, _pmid_href(match["pmid"])
    netloc = parts.netloc
    userinfo, at, hostport = netloc.rpartition("@")
    netloc = userinfo + at + hostport.lower()
    return LinkKind.URL, urlunsplit((scheme, netloc, parts.path, parts.query, parts.fragment))


def _classify(ref: str) -> tuple[LinkKind, str]:
    if match := _PMID.fullmatch(ref):
        return LinkKind.PMID, _pmid_href(match["pmid"])
    if match := _DOI_PREFIXED.fullmatch(ref):
        doi = match["doi"]
        if not _DOI.fullmatch(doi):
            raise LinkError(f"{_shown(ref)} is not a DOI; a DOI looks like 10.1234/abc.")
        return LinkKind.DOI, _doi_href(doi)
    if _DOI.fullmatch(ref):
        return LinkKind.DOI, _doi_href(ref)
    scheme_match = _SCHEME.match(ref)
    if scheme_match is None:
        if " " in ref:
            raise LinkError(f"{_shown(ref)} is not a link: it contains a space.")
        raise LinkError(
            f"{_shown(ref)} is not a link; write a web address with https:// in front, "
            "a DOI (10.1234/abc) or a PubMed id (PMID:12345678)."
        )
    scheme = scheme_match["scheme"].lower()
    if scheme in ("http", "https"):
        return _web_link(ref, scheme)
    if scheme == "passage":
        raise LinkError("Passage links are made by selecting a passage, not by typing them.")
    raise LinkError(
        f"{scheme}: links are not allowed; use an http(s) web address, a DOI or a PubMed id."
    )


@dataclass(frozen=True, slots=True)
class EvidenceLink:
    """One source cited by a note, with how it bears on the claim."""

    kind: LinkKind
    href: str
    """The normalised address: a web URL, or ``passage:<doc>#<start>-<end>`` for a passage."""
    relation: Relation = Relation.CONTEXT
    title: str = ""
    """What the user called the source; empty when they gave no title."""
    target: Target | None = None
    """The cited passage, for passage links only."""
    extra: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}), hash=False)
    """Fields from a newer Synoptic or another tool, written back verbatim."""

    @property
    def shown_address(self) -> str:
        """The address as its reader should see it: the source as the user cited it.

        A web address is kept as typed. A DOI's is not typed but made from the DOI,
        percent-encoded so that doi.org receives all of it (``<`` as ``%3C``); shown so, the
        reader would see a DOI nobody wrote. Only what is shown is decoded: ``href`` stays the
        destination.
        """
        if self.kind is LinkKind.DOI and self.href.startswith(DOI_RESOLVER):
            return DOI_RESOLVER + unquote(self.href.removeprefix(DOI_RESOLVER))
        return self.href

    @property
    def citation(self) -> str:
        """The source as people cite it: ``DOI 10.1000/xyz``, ``PMID 27231963``, else the
        address as shown. A fact-check names a paper by its DOI or PubMed id; the resolver's
        address in front of it is plumbing. ``href`` stays where a click goes.
        """
        if self.kind is LinkKind.DOI and self.href.startswith(DOI_RESOLVER):
            return "DOI " + self.shown_address.removeprefix(DOI_RESOLVER)
        if self.kind is LinkKind.PMID and self.href.startswith(PUBMED):
            pmid = self.href.removeprefix(PUBMED).rstrip("/")
            if pmid.isascii() and pmid.isdigit():
                return "PMID " + pmid
        return self.shown_address

    def to_record(self) -> dict[str, Any]:
        """The JSON form; every field is always present so readers need no defaults; unknown
        fields follow."""
        record: dict[str, Any] = {
            "kind": self.kind.value,
            "href": self.href,
            "relation": self.relation.value,
            "title": self.title,
            "target": None if self.target is None else self.target.to_record(),
        }
        for name, value in self.extra.items():
            record.setdefault(name, copy.deepcopy(value))
        return record

    @classmethod
    def from_record(cls, record: object) -> EvidenceLink:
        """Read a stored link, re-checking its address so a hand edit cannot smuggle one in.

        Raises:
            LinkError: the record is malformed or its address would be refused when typed.
        """
        if not isinstance(record, dict):
            raise LinkError("a link must be an object")
        kind_value = record.get("kind")
        try:
            kind = LinkKind(str(kind_value))
        except ValueError:
            raise LinkError(f"unknown link kind {kind_value!r}") from None
        relation_value = record.get("relation", Relation.CONTEXT.value)
        if not isinstance(relation_value, str):
            raise LinkError("relation must be a string")
        title = record.get("title", "")
        if not isinstance(title, str):
            raise LinkError("title must be a string")
        href = record.get("href")
        if not isinstance(href, str):
            raise LinkError("href must be a string")
        relation = parse_relation(relation_value)
        unknown = {k: v for k, v in record.items() if k not in _LINK_FIELDS}
        if unknown and nests_too_deep(unknown):  # before copying it, which would recurse
            raise LinkError(f"a link nests lists or objects over {MAX_NESTING} deep")
        extra = MappingProxyType({k: copy.deepcopy(v) for k, v in unknown.items()})
        if kind is LinkKind.PASSAGE:
            try:
                target = Target.from_record(record.get("target"))
            except ValueError as exc:
                raise LinkError(f"passage link: {exc}") from None
            return replace(passage_link(target, relation, title), extra=extra)
        if record.get("target") is not None:
            raise LinkError(f"a {kind.value} link has no target passage")
        found, normal = _stored_href(href)
        if found is not kind:
            raise LinkError(f"{_shown(href)} is a {found.value} link, not a {kind.value} link")
        return cls(
            kind=kind, href=normal, relation=relation, title=_check_title(title), extra=extra
        )


@functools.lru_cache(maxsize=4096)
def _stored_href(href: str) -> tuple[LinkKind, str]:
    """A stored href checked as if typed; cached, since a store re-reads the same few sources
    (one DOI is often cited by many notes) and parsing a URL is the slow part of loading."""
    link = parse_link(href)
    return link.kind, link.href


_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def _check_title(title: str) -> str:
    """A title is prose, so unusual spaces and joiners are fine; what is refused is what would
    break the line or reorder the text around it when shown in a terminal."""
    if not isinstance(title, str):
        raise LinkError("The link title must be text.")
    if not title.isprintable():
        for char in title:
            if unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp") or char in _BIDI_CONTROLS:
                raise LinkError(
                    f"The link title contains the control character U+{ord(char):04X} "
                    f"({_char_name(char)})."
                )
    return title.strip()


def parse_link(ref: str, relation: Relation = Relation.CONTEXT, title: str = "") -> EvidenceLink:
    """Read a link as a user typed or pasted it.

    Accepted: http(s) web addresses; DOIs as ``10.1234/abc``, ``doi:10.1234/abc`` or a
    doi.org / dx.doi.org address (all become ``https://doi.org/10.1234/abc``); PubMed ids as
    ``PMID:12345678``, ``pmid 12345678`` or a PubMed address (all become
    ``https://pubmed.ncbi.nlm.nih.gov/12345678/``). Plain spaces around the text are dropped.

    Raises:
        LinkError: any other scheme (``javascript:``, ``file:``, ``data:``, ``ftp:`` ...),
            control or invisible characters, whitespace inside, or an empty text.
    """
    if not isinstance(ref, str):
        raise LinkError("A link must be text.")
    problem = _unsafe_character(ref)
    if problem:
        raise LinkError(f"The link {_shown(ref)} {problem}; links must be plain printable text.")
    stripped = ref.strip(" ")
    if not stripped:
        raise LinkError("The link is empty.")
    kind, href = _classify(stripped)
    return EvidenceLink(kind=kind, href=href, relation=relation, title=_check_title(title))


def passage_link(
    target: Target, relation: Relation = Relation.CONTEXT, title: str = ""
) -> EvidenceLink:
    """A link to a passage of a workspace document (often another article making the claim)."""
    href = f"passage:{target.doc}#{target.start}-{target.end}"
    return EvidenceLink(
        kind=LinkKind.PASSAGE,
        href=href,
        relation=relation,
        title=_check_title(title),
        target=target,
    )


def follow_rename(links: tuple[EvidenceLink, ...], old: str, new: str) -> tuple[EvidenceLink, ...]:
    """``links`` with each passage link into document ``old`` pointing into ``new`` instead,
    at the same passage: the document was renamed (``git mv``), and a link left on ``old``
    would name a document that is no longer there. Other links are returned as they are."""
    return tuple(
        replace(
            link,
            href=f"passage:{new}#{link.target.start}-{link.target.end}",
            target=replace(link.target, doc=new),
        )
        if link.target is not None and link.target.doc == old
        else link
        for link in links
    )
