"""Fictitious demo data: generated Danish agendas and minutes, their answer keys, and
KL-like PDF and text renderings of them (`python -m kitar.demo.generate`)."""
