"""Hypothesis's own JSON, read as the W3C annotations Hypothesis itself would serve.

The export a Hypothesis user is most likely to have is not JSON-LD: the client's "Export"
button writes ``{"export_date", "export_userid", "client_version", "annotations": [...]}``, and
the API's search answers ``{"total", "rows": [...]}``, both holding Hypothesis's API objects
(``id``, ``user``, ``created``, ``updated``, ``uri``, ``text``, ``tags``, ``target``,
``references``). Refusing them as "an object with no type" left a journalist with a file in hand
and no way on. Each object becomes the annotation Hypothesis's JSON-LD presenter writes for it
(id ``https://hypothes.is/a/<id>``, the user's ``acct:`` id as creator, the text as a Markdown
body, each tag a tagging body, its targets), so importing one form after the other finds the
same ids and adds nothing twice. A reply (``references``, oldest first) answers the last
annotation it references, whose passage it shares: its own target names the page without a
selector, which would only be refused.

The rest (group, permissions, the page's title, moderation flags) is Hypothesis's bookkeeping,
not something the user wrote, and is not imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping

ANNOTATION_PAGE = "https://hypothes.is/a/"
"""Where Hypothesis serves an annotation: the id its JSON-LD gives it."""
ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def hypothesis_rows(parsed: Mapping[str, Any]) -> list[Any] | None:
    """The annotations of a client export or an API search answer, or None for other JSON."""
    if "type" in parsed or "@type" in parsed:
        return None
    if "annotations" in parsed and ("export_userid" in parsed or "client_version" in parsed):
        rows = parsed["annotations"]
    elif "rows" in parsed and "total" in parsed:
        rows = parsed["rows"]
    else:
        return None
    return rows if isinstance(rows, list) else None


def is_hypothesis_row(item: Any) -> bool:
    """Whether a list item is a Hypothesis API object rather than a W3C annotation."""
    return (
        isinstance(item, dict)
        and "type" not in item
        and "@type" not in item
        and isinstance(item.get("id"), str)
        and "user" in item
        and ("uri" in item or "target" in item)
    )


def as_w3c(row: Mapping[str, Any]) -> dict[str, Any]:
    """One Hypothesis API object as a W3C annotation (see the module docstring)."""
    row_id = str(row["id"])
    prefix = _prefix(row, row_id)
    item: dict[str, Any] = {
        "@context": ANNO_CONTEXT,
        "type": "Annotation",
        "id": prefix + row_id,
        "creator": row.get("user"),
    }
    for ours, theirs in (("created", "created"), ("modified", "updated")):
        if theirs in row:
            item[ours] = row[theirs]
    bodies: list[Any] = []
    text = row.get("text")
    if text:
        bodies.append({"type": "TextualBody", "value": text, "format": "text/markdown"})
    tags = row.get("tags")
    for tag in tags if isinstance(tags, list) else [] if tags is None else [tags]:
        bodies.append({"type": "TextualBody", "purpose": "tagging", "value": tag})
    if bodies:
        item["body"] = bodies
    references = row.get("references")
    if isinstance(references, list) and references and isinstance(references[-1], str):
        item["motivation"] = "replying"
        item["target"] = prefix + references[-1]
    else:
        item["motivation"] = "commenting"
        item["target"] = row.get("target", row.get("uri"))
    return item


def _prefix(row: Mapping[str, Any], row_id: str) -> str:
    """The address before the id: another Hypothesis service serves its own (``links.html``)."""
    links = row.get("links")
    html = links.get("html") if isinstance(links, dict) else None
    if isinstance(html, str) and html.endswith("/" + row_id) and "://" in html:
        return html[: -len(row_id)]
    return ANNOTATION_PAGE
