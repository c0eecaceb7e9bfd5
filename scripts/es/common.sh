# shellcheck shell=bash disable=SC2034  # sourced; the variables are used by the scripts that source it
# Shared settings for scripts/es/*.sh. Sourced, not run.
# Everything is derived from this file's location, so a clone in any folder (e.g. /tmp/x)
# uses its own cache under <that clone>/.cache/elasticsearch.

# The newest 8.19.x of org.elasticsearch.distribution.integ-test-zip:elasticsearch on Maven
# Central when this was written. An 8.x server also works with the 8.19 JS client we use.
ES_VERSION=8.19.21

ES_SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$ES_SCRIPT_DIR/../.." && pwd)
# Every folder above the cache must be enterable by the unprivileged ES user (others-x).
# A clone under /root (mode 700) is not: then, when running as root, the cache goes to
# /var/tmp/catalog-es/<hash of the repo path>, still one per clone. CATALOG_ES_CACHE overrides.
others_can_enter() {
    local d=$1
    while [ "$d" != "/" ]; do
        [ -n "$(find "$d" -maxdepth 0 -perm -o=x 2>/dev/null)" ] || return 1
        d=$(dirname "$d")
    done
}
if [ -n "${CATALOG_ES_CACHE:-}" ]; then
    ES_CACHE=$CATALOG_ES_CACHE
elif [ "$(id -u)" -ne 0 ] || others_can_enter "$REPO_ROOT"; then
    ES_CACHE=$REPO_ROOT/.cache/elasticsearch
else
    ES_CACHE=/var/tmp/catalog-es/$(printf '%s' "$REPO_ROOT" | sha256sum | cut -c1-12)
fi
ES_HOME=$ES_CACHE/elasticsearch-$ES_VERSION
ES_RUN=$ES_CACHE/run                 # pid files + console log; owned by the ES user
ES_PID_FILE=$ES_RUN/elasticsearch.pid # written by Elasticsearch itself (-p): the server JVM
ES_LAUNCHER_PID_FILE=$ES_RUN/launcher.pid # the CLI launcher JVM that started it
ES_CONSOLE_LOG=$ES_RUN/console.log
ES_PORT=${ES_PORT:-9200}
ES_URL="http://127.0.0.1:$ES_PORT"
# Elasticsearch refuses to run as root; when we are root we run it as this system user.
ES_RUN_USER=${CATALOG_ES_USER:-catalog-es}

# HTTP status of a GET on the node, or 000 when nothing answers. Never fails.
es_http_code() {
    curl -s -o /dev/null -m "${2:-5}" -w '%{http_code}' "$ES_URL$1" 2>/dev/null || true
}

# True when an Elasticsearch (not some other server) answers on $ES_PORT.
es_answers() {
    curl -s -m 5 -D - -o /dev/null "$ES_URL/_cluster/health" 2>/dev/null | grep -qi '^x-elastic-product: *Elasticsearch'
}

pid_alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

read_pid() { [ -s "$1" ] && tr -dc '0-9' < "$1" || true; }
