"""Text normalisation and Danish reflow."""
