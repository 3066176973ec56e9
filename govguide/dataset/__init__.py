"""The published dataset: Arrow tables and their schema, the versioned store, validation,
diffs between versions and the reports written for reviewers."""
