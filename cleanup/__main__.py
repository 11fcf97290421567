"""``python -m cleanup``: the command line."""

from cleanup.cli import main

if __name__ == "__main__":
    main()
