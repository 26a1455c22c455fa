"""Checks that run after every edit: per-language checks of the edited file (``check_file``), the
repairs that need no model (``tidy``), and compact feedback from a test run
(``summarize_test_output``, ``failure_count``)."""

from .feedback import failure_count, summarize_test_output
from .files import FileCheck, check_file
from .toolchains import GO_OFFLINE

__all__ = ["GO_OFFLINE", "FileCheck", "check_file", "failure_count", "summarize_test_output"]
