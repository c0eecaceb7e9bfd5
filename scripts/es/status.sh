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
# rest-root module (our catalog-analysis module fills in, but a node started otherwise may not).
nodes=$(curl -s -m 10 "$ES_URL/_nodes/_local/plugins")
version=$(printf '%s' "$nodes" | json 'j=>Object.values(j.nodes)[0].version')
modules=$(printf '%s' "$nodes" | json 'j=>{const n=Object.values(j.nodes)[0];return [...n.modules,...n.plugins].map(m=>m.name).sort().join(" ")}')
health=$(curl -s -m 10 "$ES_URL/_cluster/health" | json 'j=>`${j.status} (cluster ${j.cluster_name}, ${j.number_of_nodes} node(s), ${j.active_shards} active shards)`')

has() { case " $modules " in *" $1 "*) echo yes ;; *) echo no ;; esac; }

tokens=$(curl -s -m 10 "$ES_URL/_analyze" -H 'content-type: application/json' \
    -d '{"tokenizer":"standard","filter":["lowercase","asciifolding","porter_stem"],"text":"Baking Café"}')
if printf '%s' "$tokens" | grep -q '"bake"' && printf '%s' "$tokens" | grep -q '"cafe"'; then
    check='works ("Baking Café" -> bake, cafe)'
else
    check="FAILS: $tokens"
fi

echo "elasticsearch: UP at $ES_URL"
echo "version: $version"
echo "health: $health"
echo "modules: $modules"
echo "analysis-common (real module): $(has analysis-common)"
echo "$ES_ANALYSIS_MODULE (local stand-in): $(has "$ES_ANALYSIS_MODULE")"
echo "porter_stem + asciifolding: $check"
pid=$(read_pid "$ES_PID_FILE")
if pid_alive "$pid"; then echo "started by: scripts/es/start.sh of this clone (pid $pid, cache $ES_CACHE)"
else echo "started by: something else (not this clone's start.sh)"; fi
exit 0
