import sys

from crisis_course.cli import main

sys.exit(main())
