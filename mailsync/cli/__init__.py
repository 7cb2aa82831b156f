"""The ``mailsync`` command line: one module per command group."""
