"""kitar: read, parse, search and draft Danish council meeting documents."""

__version__ = "0.1.0"
