#!/usr/bin/env bash
# Workflow read benchmark (issue 3): 10,000 workflows in one environment, then p50/p99 of
#   GET /v1/notification-templates?page=0&limit=10      (the first page, with totalCount)
#   GET /v1/notification-templates/{id}                  (random ids of the 10,000)
# through the gateway with the development key.
#
# Usage: bench/templates.sh [workflows] [seconds]
#   Starts its own system with deploy/local/run.sh on ports 18180+ and a fresh data dir, then stops it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORKFLOWS="${1:-10000}"
SECONDS_PER_RUN="${2:-15}"
BASE="${BENCH_BASE_PORT:-18180}"

export TIDINGS_DATA_DIR="${BENCH_DATA_DIR:-/tmp/tidings-bench-templates}"
source "$ROOT/bench/system.sh"

AUTH="Authorization: ApiKey $KEY"

echo "creating $WORKFLOWS workflows ..."
start=$(date +%s.%N)
count() { curl -fsS -H "$AUTH" "$GATEWAY/v1/notification-templates?page=0&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["totalCount"])'; }
# wrk's threads stop issuing at their quota, but wrk itself waits out -d: stop it once all are in.
TOTAL=$WORKFLOWS THREADS=2 wrk -t2 -c8 -d900s -s "$ROOT/bench/create-workflows.lua" -H "$AUTH" "$GATEWAY" >/dev/null &
WRK_PID=$!
while kill -0 $WRK_PID 2>/dev/null && [ "$(count)" -lt "$WORKFLOWS" ]; do sleep 2; done
kill $WRK_PID 2>/dev/null || true
end=$(date +%s.%N)
COUNT="$(count)"
echo "workflows in the environment: $COUNT (created in $(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.1f", b-a}') s)"

IDS="$(mktemp)"
for page in 0 1 2 3 4 5 6 7 8 9; do
  curl -fsS -H "$AUTH" "$GATEWAY/v1/notification-templates?page=$((page * 11))&limit=100" \
    | python3 -c 'import json,sys; [print(w["_id"]) for w in json.load(sys.stdin)["data"]]' >>"$IDS"
done
echo "fetching among $(wc -l <"$IDS") ids spread over the whole list"

wrk -t1 -c4 -d5s -H "$AUTH" "$GATEWAY/v1/notification-templates?page=0&limit=10" >/dev/null   # warm-up
summary() { awk -v name="$1" '/^Requests\/sec/ {rps=$2} $1=="50%" {p50=$2} $1=="99%" {p99=$2} /Non-2xx/ {bad=$5}
  END {printf "%-34s req/s %8.0f   p50 %8s   p99 %8s   non-2xx %d\n", name, rps, p50, p99, bad}'; }
# one client at a time (latency alone), then 16 at once (latency under load)
for c in 1 16; do
  wrk -t1 -c$c -d"${SECONDS_PER_RUN}s" --latency -H "$AUTH" "$GATEWAY/v1/notification-templates?page=0&limit=10" \
    | summary "GET list page=0 limit=10, c=$c"
  IDS="$IDS" wrk -t1 -c$c -d"${SECONDS_PER_RUN}s" --latency -s "$ROOT/bench/random-workflow.lua" -H "$AUTH" "$GATEWAY" \
    | summary "GET /{id} (random of $(wc -l <"$IDS")), c=$c"
done
rm -f "$IDS"
