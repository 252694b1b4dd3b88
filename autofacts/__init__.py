"""autofacts: answers questions about an industry with numbers you can cite."""

__version__ = "0.1.0"
