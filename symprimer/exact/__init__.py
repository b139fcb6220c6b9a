"""exact: see README layout."""
