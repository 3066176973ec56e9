#!/usr/bin/env bash
# Set up govguide in ./.venv (Python 3.11+ and pip are all it needs) and run a task.
#
#   bash dev.sh run    # set up, then ingest data/raw (the shipped samples) into data/curated
#   bash dev.sh test   # set up, then run the test suite
#   bash dev.sh setup  # set up only
#
# Installs are pinned by constraints.txt, so every machine gets the same versions.
set -euo pipefail
cd "$(dirname "$0")"

PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}

say() { printf 'dev.sh: %s\n' "$*" >&2; }

setup() {
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating $VENV with $("$PYTHON" --version 2>&1)"
    "$PYTHON" -m venv "$VENV"
  fi
  say "upgrading pip in $VENV"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  # pip is quiet, so say what takes the time: the first install downloads about 150
  # packages (a few minutes); later ones only check them (seconds).
  say "installing govguide and its pinned dependencies (constraints.txt; the first time takes a few minutes)"
  # setuptools warns on every editable install that folders named like the packages
  # (govguide/, flows/ …) take precedence in this directory: that is the point here.
  PYTHONWARNINGS="ignore::UserWarning" \
    "$VENV/bin/python" -m pip install --quiet -c constraints.txt -e ".[dev,dask]"
  say "ready: $VENV/bin/govguide ($("$VENV/bin/python" -m pip show govguide 2>/dev/null | sed -n 's/^Version: //p'))"
}

case "${1:-help}" in
  setup) setup ;;
  run) setup; shift; say "govguide run $*"; exec "$VENV/bin/govguide" run "$@" ;;
  test) setup; shift; say "running the tests"; exec "$VENV/bin/python" -m pytest -q "$@" ;;
  *) sed -n '2,9p' "$0"; exit 2 ;;
esac
