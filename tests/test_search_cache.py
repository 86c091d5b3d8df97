"""The search forms kept between searches: a whole workspace's, within a bound in characters.

Kept by count (64 documents), a search of the 710 copyright files folded every one of them
again on each key typed; ``benchmarks/bench_search.py`` prints the times.
"""

from __future__ import annotations

from corpus import search_form as forms
from corpus.document import document_from_bytes
from corpus.search import search


def test_a_workspace_of_hundreds_of_documents_is_folded_once() -> None:
    documents = [
        document_from_bytes(
            f"{n:03}.txt", f"Licence {n}: Café, naïve résumé.".encode(), markdown=False
        )
        for n in range(300)
    ]
    first = [forms.search_form(d.text, False) for d in documents]
    assert search(documents, "resume").exact  # every document searched again
    assert all(
        forms.search_form(d.text, False) is form for d, form in zip(documents, first, strict=True)
    )


def test_the_bound_is_in_characters_the_least_recently_used_going_first() -> None:
    cache = forms._FormCache(limit=100)
    old, recent, new = "a" * 20, "b" * 20, "c" * 20  # 40 characters each, with their forms
    kept = cache.get(old, False)
    cache.get(recent, False)
    assert cache.get(old, False) is kept  # now used more recently than ``recent``
    cache.get(new, False)
    assert cache.characters == 80
    assert cache.get(old, False) is kept
    assert (recent, False) not in cache._forms


def test_a_text_larger_than_the_bound_is_folded_but_not_kept() -> None:
    cache = forms._FormCache(limit=100)
    cache.get("small", False)
    big = "X" * 60
    assert cache.get(big, False).form == "x" * 60
    assert cache.characters == 10 and (big, False) not in cache._forms
