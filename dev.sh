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

setup() {
  if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
  fi
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  "$VENV/bin/python" -m pip install --quiet -c constraints.txt -e ".[dev,dask]"
}

case "${1:-help}" in
  setup) setup ;;
  run) setup; shift; exec "$VENV/bin/govguide" run "$@" ;;
  test) setup; shift; exec "$VENV/bin/python" -m pytest -q "$@" ;;
  *) sed -n '2,9p' "$0"; exit 2 ;;
esac
