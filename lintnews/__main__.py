"""``python -m lintnews``."""

from lintnews.cli import main

main()
