import sys

from takedown_helper.cli import main

sys.exit(main())
