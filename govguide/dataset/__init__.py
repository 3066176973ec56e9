"""The published dataset: Arrow tables and their schema, the versioned store, validation,
diffs between versions and the reports written for reviewers; and what a run keeps beside
it: the extraction cache, the quarantine area and each input file's outcome."""
