"""Placeholder: the git commands arrive with the annotations and sharing issues."""
