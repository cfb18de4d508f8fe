#!/usr/bin/env bash
# Gateway overhead benchmark (issue 2): authenticated GET /v1/environments/me,
# through the gateway (ApiKey, credential-cache hits) and straight to environment-service
# (with a valid signed context), measured side by side in one run, alternating A/B rounds.
#
# Usage: bench/gateway-overhead.sh [seconds-per-round] [rounds]
#   Starts its own system with deploy/local/run.sh on separate ports and data dir, then stops it.
#   Load generator: wrk (installed from Debian packages when missing and running as root).
#   Knobs: BENCH_CONNECTIONS (32), BENCH_THREADS (2), BENCH_BASE_PORT (18080).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_PER_ROUND="${1:-15}"
ROUNDS="${2:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
THREADS="${BENCH_THREADS:-2}"
BASE="${BENCH_BASE_PORT:-18080}"
[ "$SECONDS_PER_ROUND" -le 40 ] || { echo "a round must stay under 40 s: the signed context lives 60 s" >&2; exit 2; }

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -q wrk >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
  else echo "bench needs wrk (apt-get install wrk)" >&2; exit 1; fi
fi

export TIDINGS_DATA_DIR="${BENCH_DATA_DIR:-/tmp/tidings-bench}"
export TIDINGS_GATEWAY_PORT=$BASE TIDINGS_ENVIRONMENT_PORT=$((BASE+1)) TIDINGS_TEMPLATE_PORT=$((BASE+2))
export TIDINGS_SUBSCRIBER_PORT=$((BASE+3)) TIDINGS_PROMOTION_PORT=$((BASE+4))
export TIDINGS_POSTGRES_PORT=$((BASE+10)) TIDINGS_KAFKA_PORT=$((BASE+11)) TIDINGS_KAFKA_CONTROLLER_PORT=$((BASE+12))
export TIDINGS_ADMIN_TOKEN="bench-admin-token"

LOG="$(mktemp /tmp/tidings-bench-run.XXXXXX.log)"
"$ROOT/deploy/local/run.sh" --fresh >"$LOG" 2>&1 &
RUN_PID=$!
trap 'kill -INT $RUN_PID 2>/dev/null; wait $RUN_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  grep -q "Tidings is ready at" "$LOG" && break
  kill -0 $RUN_PID 2>/dev/null || { echo "run.sh exited:"; tail -40 "$LOG"; exit 1; }
  sleep 1
done
grep -q "Tidings is ready at" "$LOG" || { echo "system did not start in 300 s"; tail -40 "$LOG"; exit 1; }

GATEWAY="http://localhost:$TIDINGS_GATEWAY_PORT"
DIRECT="http://localhost:$TIDINGS_ENVIRONMENT_PORT"
KEY="$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(next(e["apiKey"] for e in d["environments"] if e["name"]=="Development"))' "$TIDINGS_DATA_DIR/demo.json" 2>/dev/null \
  || grep -A3 '"Development"' "$TIDINGS_DATA_DIR/demo.json" | sed -n 's/.*"apiKey" *: *"\([^"]*\)".*/\1/p' | head -1)"
[ -n "$KEY" ] || { echo "no development key in $TIDINGS_DATA_DIR/demo.json"; exit 1; }
ME="$(curl -fsS -H "Authorization: ApiKey $KEY" "$GATEWAY/v1/environments/me")"
field() { printf '%s' "$ME" | sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p"; }
ORG="$(field _organizationId)"; ENV="$(field _id)"; KIND="$(field kind)"; TARGET="$(field _targetId)"
CP="$ROOT/deploy/local/target/local-launcher-0.1.0-SNAPSHOT.jar"
mint() { java -cp "$CP" io.tidings.local.MintContext "$ORG" "$ENV" "$KIND" GET /v1/environments/me - "${TARGET:--}"; }

# Warm-up: JIT both paths and fill the gateway's credential cache.
wrk -t1 -c4 -d5s -H "Authorization: ApiKey $KEY" "$GATEWAY/v1/environments/me" >/dev/null
wrk -t1 -c4 -d5s -H "X-Tidings-Context: $(mint)" "$DIRECT/v1/environments/me" >/dev/null

run() { # name url header -> "rps p50ms p99ms non2xx"
  local out; out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_PER_ROUND}s" --latency -H "$3" "$2")"
  local rps p50 p99 bad
  rps="$(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
  p50="$(awk '$1=="50%" {print $2}' <<<"$out")"; p99="$(awk '$1=="99%" {print $2}' <<<"$out")"
  bad="$(awk '/Non-2xx/ {print $5}' <<<"$out")"
  echo "$1 $rps $(to_ms "$p50") $(to_ms "$p99") ${bad:-0}"
}
to_ms() { awk -v v="$1" 'BEGIN { n=v+0; if (v ~ /us$/) n/=1000; else if (v ~ /ms$/) n=n; else if (v ~ /s$/) n*=1000; printf "%.2f", n }'; }

results=()
for round in $(seq 1 "$ROUNDS"); do
  results+=("$(run gateway "$GATEWAY/v1/environments/me" "Authorization: ApiKey $KEY")")
  results+=("$(run direct "$DIRECT/v1/environments/me" "X-Tidings-Context: $(mint)")")
done

echo
echo "GET /v1/environments/me, ${ROUNDS} alternating rounds of ${SECONDS_PER_ROUND}s, wrk -t$THREADS -c$CONNECTIONS, $(nproc) cores"
printf '%-8s %12s %10s %10s %8s\n' path req/s p50_ms p99_ms non2xx
printf '%s\n' "${results[@]}" | awk '{printf "%-8s %12.0f %10.2f %10.2f %8d\n", $1, $2, $3, $4, $5}'
printf '%s\n' "${results[@]}" | awk '
  { rps[$1]+=$2; n[$1]++ }
  END { g=rps["gateway"]/n["gateway"]; d=rps["direct"]/n["direct"];
        printf "mean req/s: gateway %.0f, direct %.0f, gateway/direct = %.2f (aim >= 0.60)\n", g, d, g/d }'
