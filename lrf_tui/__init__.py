"""lrf: learning reviews from the keyboard. This package holds the Textual app and the command line.

Importing it must stay cheap: commands that do not draw the TUI never import Textual.
"""

import time as _time

STARTED = _time.perf_counter()
__version__ = "0.1.0"
