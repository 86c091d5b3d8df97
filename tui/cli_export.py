"""Placeholder: the export commands arrive with the annotations and sharing issues."""
