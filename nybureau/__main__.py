import sys

from nybureau.cli._entry import main

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
