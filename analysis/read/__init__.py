"""Read: getting articles in. Files, exports, feeds and URLs become documents (with clear errors per
item), pages are cleaned to their story, and dates are read. I/O lives here and in the store only."""
