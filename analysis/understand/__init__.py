"""Understand: pure functions from one cleaned article to what it says: sentences, countries and places,
figures with their evidence sentence, and tone. No state, so the same code runs in a process pool or a
cluster's partitions."""
