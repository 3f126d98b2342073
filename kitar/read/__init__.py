"""Readers: turn a PDF, DOCX or TXT file into blocks with page numbers and metadata."""
