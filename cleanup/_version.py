"""The package version: one place, read by the package, the command and every cache key."""

__version__ = "0.4.0"
