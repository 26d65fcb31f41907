"""Demo data for MuNet Aula: a Colombian programme, its municipalities and teams,
a run of the 100-hour course and some study progress. Loaded by `manage.py seed_demo`.

The course itself is the package `coursepacks/gem-100` (docs/course-package.md);
the rest lives in the modules of this package, and the command writes it through
the domain services. Its dates are written for one day and moved to the day of
the first seed (`lms.demo.dates`).
"""

from lms.demo.people import DEMO_LOGINS, DEMO_PASSWORD

__all__ = ["DEMO_LOGINS", "DEMO_PASSWORD"]
