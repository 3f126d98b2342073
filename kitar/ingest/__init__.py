"""Ingest orchestration: read → reflow → parse each file, then hand it to the store."""
