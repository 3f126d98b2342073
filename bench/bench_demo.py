"""Demo data generation speed (kitar.demo.bench): iter_meetings items/s and rendering."""

from kitar.demo.bench import run

__all__ = ["run"]
