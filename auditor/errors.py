"""Exceptions the library raises. The CLI turns each into a one-line message and an exit code."""

from __future__ import annotations


class AuditorError(Exception):
    "Base class for every error the auditor reports to a user."


class InputError(AuditorError):
    "An input file is missing, empty, binary, wrongly encoded, malformed or too large."

    def __init__(self, source: str, problem: str, line: int | None = None) -> None:
        self.source = source
        self.problem = problem
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {problem}")


class ConfigError(AuditorError):
    "A settings or rules file has an unknown key or a value out of range."


class MissingExtra(ConfigError):
    "An optional part of auditor that the input or options ask for is not installed."


class StoreError(AuditorError):
    "The index cannot be opened, read or written."


class FingerprintMismatch(StoreError):
    "Stored signatures were made with other fingerprint settings and cannot be compared."
