"""Errors a user can cause. The CLI prints their message as one line and exits non-zero."""

from __future__ import annotations


class GovtextError(Exception):
    """Base class for errors whose message tells the user what to do."""

    exit_code = 2


class InputPathError(GovtextError):
    """An input path does not exist or cannot be read."""


class OutputDirError(GovtextError):
    """The output folder cannot be used."""


class RunLockedError(GovtextError):
    """Another run holds the output folder."""

    exit_code = 3


class ConfigError(GovtextError):
    """A configuration value or file is invalid."""
