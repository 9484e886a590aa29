"""`python -m explorer`: the command line (opens the app by default)."""

import sys

from explorer.cli import main

sys.exit(main())
