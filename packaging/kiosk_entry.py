"""The frozen app's entry point: the same `kiosk` command that `pip install .` gives.

PyInstaller needs a script, not an entry point; keeping it this small means the bundle and the
wheel run exactly the same code (kiosk.cli.main).
"""

import sys

from kiosk.cli import main

if __name__ == "__main__":
    sys.exit(main())
