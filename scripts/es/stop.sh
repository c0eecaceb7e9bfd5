#!/usr/bin/env bash
# Stop the node that scripts/es/start.sh started (found through its pid files), and wait until
# it has exited. Idempotent: nothing running => exit 0. A node that start.sh did not start
# (another clone's, a system one) is never touched.
# Env: ES_STOP_TIMEOUT seconds (60) before escalating to SIGKILL.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

STOP_TIMEOUT=${ES_STOP_TIMEOUT:-60}
log() { printf '[es:stop] %s\n' "$*" >&2; }

server=$(read_pid "$ES_PID_FILE")        # the Elasticsearch server JVM (written by ES)
launcher=$(read_pid "$ES_LAUNCHER_PID_FILE") # the CLI launcher JVM, parent of the server

# Only signal pids that still belong to a java process: pid files can outlive a reboot and the
# numbers get reused.
is_java() { pid_alive "$1" && grep -q 'java' "/proc/$1/cmdline" 2>/dev/null; }
pids=()
for p in "$server" "$launcher"; do
    if [ -n "$p" ] && is_java "$p"; then pids+=("$p"); fi
done

if [ ${#pids[@]} -eq 0 ]; then
    log "no node started by start.sh is running (cache: $ES_CACHE)"
    rm -f "$ES_PID_FILE" "$ES_LAUNCHER_PID_FILE"
    exit 0
fi

# SIGTERM to the server first: ES shuts down cleanly (flushes, removes its pid file) and the
# launcher then exits on its own. The launcher also gets it in case the server never came up.
log "stopping Elasticsearch (pids ${pids[*]})"
kill -TERM "${pids[@]}" 2>/dev/null || true

deadline=$((SECONDS + STOP_TIMEOUT))
while :; do
    alive=()
    for p in "${pids[@]}"; do pid_alive "$p" && alive+=("$p"); done
    [ ${#alive[@]} -eq 0 ] && break
    if [ "$SECONDS" -ge "$deadline" ]; then
        log "still running after ${STOP_TIMEOUT}s; sending SIGKILL to ${alive[*]}"
        kill -KILL "${alive[@]}" 2>/dev/null || true
        sleep 1
        break
    fi
    sleep 0.5
done

rm -f "$ES_PID_FILE" "$ES_LAUNCHER_PID_FILE"
log "stopped"
