"""`python -m autofacts` runs the CLI."""

from autofacts.entry import main

main()
