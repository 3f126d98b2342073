"""Outputs on top of the corpus (publish, …), each through kitar.redact."""
