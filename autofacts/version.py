"""The version, in a module of its own: the cache and --version read it without importing the API."""

__version__ = "0.1.0"
