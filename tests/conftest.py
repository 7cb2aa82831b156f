"""Shared test set-up: real servers on loopback are provided by the fixture plugins."""

pytest_plugins = [
    "tests.fixtures.dovecot",
    "tests.fixtures.smtp_server",
    "tests.fixtures.databases",
]
