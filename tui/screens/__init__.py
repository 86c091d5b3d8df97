"""Modal screens of the Synoptic reader: help, search, outline, document list."""
