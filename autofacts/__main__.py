"""`python -m autofacts` runs the CLI."""

from autofacts.cli import main

main()
