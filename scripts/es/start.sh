#!/usr/bin/env bash
# Start a local single-node Elasticsearch for development and CI. Idempotent:
#   - a node already answering on $ES_PORT (default 9200) => say so, exit 0;
#   - download and unpack happen once, under <repo>/.cache/elasticsearch/.
# Env: ES_PORT (9200), ES_START_TIMEOUT seconds (120), ES_HEAP (512m),
#      ES_JAVA_HOME (a JDK 17..24; found automatically), CATALOG_ES_CACHE, CATALOG_ES_USER.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

START_TIMEOUT=${ES_START_TIMEOUT:-120}
HEAP=${ES_HEAP:-512m}

log() { printf '[es:start] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# --- already running? ------------------------------------------------------------------------
if es_answers; then
    log "an Elasticsearch node already answers on $ES_URL; not starting another."
    exit 0
fi
code=$(es_http_code /)
if [ "$code" != "000" ]; then
    die "port $ES_PORT is taken by something that is not Elasticsearch (HTTP $code); set ES_PORT."
fi

mkdir -p "$ES_CACHE/download"
case "$ES_CACHE" in "$REPO_ROOT"/*) ;; *) log "cache: $ES_CACHE" ;; esac
# One start at a time per cache (two shells, or CI steps racing): the rest wait here.
exec 9>"$ES_CACHE/start.lock"
flock -w 600 9 || die "another start.sh has held $ES_CACHE/start.lock for 10 minutes"
if es_answers; then log "a node came up on $ES_URL while we waited; done."; exit 0; fi

# A node we started earlier may still be booting (or bound to another port): don't start twice.
old_pid=$(read_pid "$ES_LAUNCHER_PID_FILE")
if pid_alive "$old_pid"; then
    die "an earlier node (launcher pid $old_pid) is still running but not answering on $ES_URL; run scripts/es/stop.sh first"
fi
rm -f "$ES_PID_FILE" "$ES_LAUNCHER_PID_FILE"

# --- Java ------------------------------------------------------------------------------------
# ES 8.19 needs Java 17..24 and the integ-test zip has no bundled JDK. Prefer Java 17 explicitly:
# JAVA_HOME may point at a newer JDK (e.g. 25) that this ES does not support.
java_major() { "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
find_java() {
    local c m
    for c in "${ES_JAVA_HOME:-}" /usr/lib/jvm/java-17-openjdk-* "${JAVA_HOME:-}" \
             "$(dirname "$(dirname "$(readlink -f "$(command -v java || echo /nonexistent)")")")"; do
        [ -n "$c" ] && [ -x "$c/bin/java" ] || continue
        m=$(java_major "$c")
        if [ -n "$m" ] && [ "$m" -ge 17 ] && [ "$m" -le 24 ]; then echo "$c"; return 0; fi
    done
    return 1
}
JAVA_DIR=$(find_java) || die "no Java 17..24 found (Debian: apt-get install openjdk-17-jdk-headless), or set ES_JAVA_HOME"

# --- download (once) -------------------------------------------------------------------------
ZIP=$ES_CACHE/download/elasticsearch-$ES_VERSION.zip
if [ ! -s "$ZIP" ]; then
    command -v mvn >/dev/null || die "mvn not found (apt-get install maven): it fetches Elasticsearch from Maven Central"
    log "downloading Elasticsearch $ES_VERSION (integ-test-zip, ~107 MB) from Maven Central via mvn..."
    # Run mvn from the cache dir so no pom.xml of the repo is picked up; ~/.m2 keeps a copy,
    # so another clone's first start copies locally instead of downloading again.
    # mvn's output is kept in a file and shown only on failure (it is noisy even with -q).
    if ! (cd "$ES_CACHE/download" && mvn -B -q dependency:copy \
        "-Dartifact=org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip" \
        -DoutputDirectory=. -Dmdep.overWriteReleases=true) >"$ES_CACHE/download/mvn.log" 2>&1; then
        cat "$ES_CACHE/download/mvn.log" >&2
        die "mvn could not fetch Elasticsearch $ES_VERSION"
    fi
    [ -s "$ZIP" ] || die "mvn finished but $ZIP is missing"
fi

# --- unpack (once) ---------------------------------------------------------------------------
if [ ! -x "$ES_HOME/bin/elasticsearch" ]; then
    log "unpacking into $ES_HOME ..."
    tmp=$(mktemp -d "$ES_CACHE/unpack.XXXXXX")
    unzip -q "$ZIP" -d "$tmp"
    rm -rf "$ES_HOME"
    # Move in one step, so an interrupted unzip never leaves a half node that looks complete.
    mv "$tmp/elasticsearch-$ES_VERSION" "$ES_HOME"
    rm -rf "$tmp"
fi

# --- no extra modules -------------------------------------------------------------------------
# The course index needs nothing beyond the server itself (terms arrive analysed; the built-in
# `whitespace` analyzer splits them). Earlier versions of this script built a module called
# catalog-analysis into the cached node: remove it, so this node is the plain distribution.
rm -rf "$ES_HOME/modules/catalog-analysis"

# --- run as an unprivileged user when we are root ----------------------------------------------
mkdir -p "$ES_CACHE/data" "$ES_CACHE/logs" "$ES_RUN"
run_as=()
if [ "$(id -u)" -eq 0 ]; then
    if ! id -u "$ES_RUN_USER" >/dev/null 2>&1; then
        log "creating system user $ES_RUN_USER (Elasticsearch refuses to run as root)"
        useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$ES_RUN_USER"
    fi
    # ES writes into config/ (keystore, tmp files), data, logs and the pid file.
    chown -R "$ES_RUN_USER:" "$ES_HOME" "$ES_CACHE/data" "$ES_CACHE/logs" "$ES_RUN"
    run_as=(setpriv "--reuid=$ES_RUN_USER" "--regid=$ES_RUN_USER" --init-groups)
    # Every parent folder must be enterable by that user (a clone under /root would not be).
    "${run_as[@]}" test -x "$ES_HOME/bin/elasticsearch" -a -w "$ES_CACHE/data" \
        || die "user $ES_RUN_USER cannot reach $ES_CACHE (a parent folder is private?); set CATALOG_ES_CACHE to e.g. /var/tmp/catalog-es"
fi

# --- start -------------------------------------------------------------------------------------
settings=(
    -E "cluster.name=catalog-local" -E "node.name=catalog-local"
    -E "network.host=127.0.0.1" -E "http.port=$ES_PORT"
    -E "discovery.type=single-node"
    -E "xpack.security.enabled=false"
    # Disks on these machines are often >90% full: never block writes for that.
    -E "cluster.routing.allocation.disk.threshold_enabled=false"
    -E "path.data=$ES_CACHE/data" -E "path.logs=$ES_CACHE/logs"
)
# The integ-test zip has no ML module, and an unknown setting stops the node: set it only if present.
if [ -d "$ES_HOME/modules/x-pack-ml" ]; then settings+=(-E "xpack.ml.enabled=false"); fi

log "starting Elasticsearch $ES_VERSION on $ES_URL (Java: $JAVA_DIR, heap $HEAP)"
: > "$ES_CONSOLE_LOG"
# setsid: the node must outlive this shell and not get the terminal's Ctrl-C / job kills
# (--wait: if setsid has to fork, it stays alive as long as the node, so $! stays meaningful).
# No -d (daemonize): the launcher stays our child, so we notice at once if it dies while booting.
(
    cd "$ES_HOME"
    exec setsid --wait ${run_as[@]+"${run_as[@]}"} env ES_JAVA_HOME="$JAVA_DIR" ES_JAVA_OPTS="-Xms$HEAP -Xmx$HEAP" \
        HOME="$ES_HOME" ./bin/elasticsearch -p "$ES_PID_FILE" "${settings[@]}"
) >>"$ES_CONSOLE_LOG" 2>&1 </dev/null &
launcher=$!
echo "$launcher" > "$ES_LAUNCHER_PID_FILE"

fail() {
    log "ERROR: $*"
    log "--- last lines of $ES_CONSOLE_LOG ---"
    tail -n 40 "$ES_CONSOLE_LOG" >&2 || true
    if pid_alive "$launcher"; then
        log "stopping the half-started node"
        "$ES_SCRIPT_DIR/stop.sh" >&2 || true
    fi
    exit 1
}

deadline=$((SECONDS + START_TIMEOUT))
while :; do
    pid_alive "$launcher" || fail "Elasticsearch exited while starting"
    # 200 once the cluster is yellow or green; 408 while waiting; 000 before HTTP is up.
    [ "$(es_http_code "/_cluster/health?wait_for_status=yellow&timeout=2s" 5)" = "200" ] && break
    [ "$SECONDS" -lt "$deadline" ] || fail "no yellow cluster health on $ES_URL within ${START_TIMEOUT}s"
    sleep 1
done

# Smoke-test the one analyzer the index relies on: split on whitespace, nothing else.
tokens=$(curl -s -m 10 "$ES_URL/_analyze" -H 'content-type: application/json' \
    -d '{"analyzer":"whitespace","text":"c++ .net nodejs"}' || true)
if printf '%s' "$tokens" | grep -q '"c++"' && printf '%s' "$tokens" | grep -q '".net"'; then
    analysis=ok
else
    log "WARNING: the whitespace analyzer check failed: $tokens"
    analysis=FAILED
fi
log "up: $ES_URL (Elasticsearch $ES_VERSION, pid $(read_pid "$ES_PID_FILE"), analysis $analysis) after ${SECONDS}s"
