"""Text edits at the positions the loader recorded: ``check --fix`` and ``migrate``.

Nothing here re-serialises a body. Every change replaces the text of one span
of the file, so key order, indentation, quoting, comments and line ends stay
as they were.
"""
