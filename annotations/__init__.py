"""Notes, tags and evidence links attached to passages of a workspace's documents.

Like :mod:`corpus`, this package never imports Textual. Its model, TinyDB store, anchoring,
export and git merge driver arrive with the annotations and sharing issues; the package exists
from the start so that the import-hygiene test guards it before any code lands in it.
"""
