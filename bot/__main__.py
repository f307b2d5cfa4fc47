"""`python -m bot`: the same CLI as `hf-support-bot`."""

import sys

from bot.cli import main

if __name__ == "__main__":
    sys.exit(main())
