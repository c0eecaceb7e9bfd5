#!/usr/bin/env bash
# The README's quick start: build, seed a fresh catalogue of realistic courses on the embedded
# default (SQLite + its full-text index, no servers), then run the example searches.
# The demo catalogue lives in .cache/demo/ and is rebuilt on every run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

npm run --silent build
export CATALOG_DATABASE="$PWD/.cache/demo/catalog.db"
rm -rf .cache/demo

# Echoes a command the way you would type it: plain words bare, anything else in single quotes.
show() {
  local arg
  for arg in "$@"; do
    if [[ "$arg" =~ ^[A-Za-z0-9_./:=-]+$ ]]; then printf ' %s' "$arg"; else printf " '%s'" "${arg//\'/\'\\\'\'}"; fi
  done
}

run() {
  printf '\n$ catalog%s\n' "$(show "$@")" >&2
  node bin/catalog.js "$@"
}

run seed --courses 5000 --seed 42
run search baking --max-price 599 --month oct
run search python --sort price --available --limit 5
run search --category yoga --sort registrations --limit 5
run search '"Yoga" for (back-pain)!' --limit 3
printf '\nThe demo catalogue is %s; try more with:\n  CATALOG_DATABASE=%s node bin/catalog.js search --help\n' "$CATALOG_DATABASE" "$CATALOG_DATABASE" >&2
