"""Growing a base: init, add, review, and the coverage of each source by facts."""
