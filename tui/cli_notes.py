"""Placeholder: the notes commands arrive with the annotations and sharing issues."""
