"""The names of the detail levels (kept free of heavy imports: the command line's help uses them).

brief is the key lines and the answer (slides, answer keys); standard, the default, is what a
lecturer writes on the board; full is every step of the verified tree.
"""
DETAIL_LEVELS = ("brief", "standard", "full")
DEFAULT_LEVEL = "standard"
