"""mailsync: a Match-season mail assistant for residency applicants."""

__version__ = "0.1.0"
