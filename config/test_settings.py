"""The test suite's settings: the project's own, with the development tools
installed (their commands and reports have tests of their own)."""

import os

os.environ.setdefault("DEV_TOOLS", "1")

from config.settings import *  # noqa: F403
