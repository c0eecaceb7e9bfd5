#!/usr/bin/env bash
# The whole test suite, as CI runs it: build the CLI (end-to-end tests spawn it), make sure a
# real Elasticsearch answers (started here when none does, stopped again afterwards), run vitest.
# Elasticsearch tests read CATALOG_TEST_ELASTICSEARCH_URL and fail (never skip) without it.
# Extra arguments go to vitest, e.g. `npm test -- test/unit`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# vitest builds the CLI bundle itself (test/support/buildOnce.ts).

started_here=0
stop_node() { if [ "$started_here" = 1 ]; then bash scripts/es/stop.sh || true; fi; }
trap stop_node EXIT

if [ -z "${CATALOG_TEST_ELASTICSEARCH_URL:-}" ]; then
  if ! bash scripts/es/status.sh >/dev/null 2>&1; then
    bash scripts/es/start.sh
    started_here=1
  fi
  export CATALOG_TEST_ELASTICSEARCH_URL="http://127.0.0.1:${ES_PORT:-9200}"
fi

npx vitest run "$@"
