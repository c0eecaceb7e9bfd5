#!/usr/bin/env bash
# Report on the Elasticsearch at 127.0.0.1:$ES_PORT (default 9200), whoever started it:
# answers?, version, health, installed modules, and whether the analysis we rely on works.
# Exit 0 if it answers, 1 if not.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

if ! es_answers; then
    echo "elasticsearch: DOWN (nothing answers on $ES_URL)"
    pid=$(read_pid "$ES_LAUNCHER_PID_FILE")
    if pid_alive "$pid"; then echo "note: the node start.sh launched (pid $pid) is alive: still starting?"; fi
    exit 1
fi

# Small JSON picks without jq (not installed everywhere): node is always present in CI.
json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);console.log(('"$1"')(j))})'; }

# Read the version from the node info, not `GET /`: the integ-test distribution lacks the
# rest-root module that answers it.
nodes=$(curl -s -m 10 "$ES_URL/_nodes/_local/plugins")
version=$(printf '%s' "$nodes" | json 'j=>Object.values(j.nodes)[0].version')
modules=$(printf '%s' "$nodes" | json 'j=>{const n=Object.values(j.nodes)[0];return [...n.modules,...n.plugins].map(m=>m.name).sort().join(" ")}')
health=$(curl -s -m 10 "$ES_URL/_cluster/health" | json 'j=>`${j.status} (cluster ${j.cluster_name}, ${j.number_of_nodes} node(s), ${j.active_shards} active shards)`')

tokens=$(curl -s -m 10 "$ES_URL/_analyze" -H 'content-type: application/json' \
    -d '{"analyzer":"whitespace","text":"c++ .net nodejs"}')
if printf '%s' "$tokens" | grep -q '"c++"' && printf '%s' "$tokens" | grep -q '".net"'; then
    check='works ("c++ .net nodejs" -> c++, .net, nodejs)'
else
    check="FAILS: $tokens"
fi

echo "elasticsearch: UP at $ES_URL"
echo "version: $version"
echo "health: $health"
echo "modules: $modules"
echo "whitespace analyzer (all the course index needs): $check"
pid=$(read_pid "$ES_PID_FILE")
if pid_alive "$pid"; then echo "started by: scripts/es/start.sh of this clone (pid $pid, cache $ES_CACHE)"
else echo "started by: something else (not this clone's start.sh)"; fi
exit 0
