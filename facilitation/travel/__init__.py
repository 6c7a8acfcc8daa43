"""Reviews travel between authors and the partnership as review files (``.lrf``).

- :mod:`.tables`: which tables travel, found from the schema (what never travels, what only
  with notes);
- :mod:`.rows`: a review's rows, and copying them into another database with every link kept;
- :mod:`.bundle`: making a review file, and reading one (refusing anything unsound);
- :mod:`.importing`: adding or updating the review, keeping what the partnership recorded.
"""

from .bundle import Built, build_review_file, read_review_file
from .importing import Imported, import_review_file

__all__ = ["Built", "Imported", "build_review_file", "import_review_file", "read_review_file"]
