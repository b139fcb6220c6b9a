"""core: see README layout."""
