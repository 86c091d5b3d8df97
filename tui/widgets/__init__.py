"""Widgets of the Synoptic reader."""
