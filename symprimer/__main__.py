import sys

from symprimer.cli import main

sys.exit(main())
