#!/usr/bin/env bash
# Gateway overhead benchmark (issue 2): authenticated GET /v1/environments/me,
# through the gateway (ApiKey, credential-cache hits) and straight to environment-service
# (with a valid signed context), measured side by side in one run, alternating A/B rounds.
#
# Usage: bench/gateway-overhead.sh [seconds-per-round] [rounds]
#   Starts its own system with deploy/local/run.sh on separate ports and data dir, then stops it.
#   Load generator: wrk (installed from Debian packages when missing and running as root).
#   Knobs: BENCH_CONNECTIONS (32), BENCH_THREADS (2), BENCH_WARMUP seconds per path (30), BENCH_BASE_PORT (18080).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_PER_ROUND="${1:-15}"
ROUNDS="${2:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
THREADS="${BENCH_THREADS:-2}"
BASE="${BENCH_BASE_PORT:-18080}"
[ "$SECONDS_PER_ROUND" -le 40 ] || { echo "a round must stay under 40 s: the signed context lives 60 s" >&2; exit 2; }

export TIDINGS_DATA_DIR="${BENCH_DATA_DIR:-/tmp/tidings-bench}"
source "$ROOT/bench/system.sh"

DIRECT="http://localhost:$TIDINGS_ENVIRONMENT_PORT"
ME="$(curl -fsS -H "Authorization: ApiKey $KEY" "$GATEWAY/v1/environments/me")"
field() { printf '%s' "$ME" | sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p"; }
ORG="$(field _organizationId)"; ENV="$(field _id)"; KIND="$(field kind)"; TARGET="$(field _targetId)"
CP="$ROOT/deploy/local/target/local-launcher-0.1.0-SNAPSHOT.jar:$ROOT/deploy/local/target/lib/*"
mint() { java -cp "$CP" io.tidings.local.MintContext "$ORG" "$ENV" "$KIND" GET /v1/environments/me - "${TARGET:--}"; }

# Warm-up under the same load: the JIT needs tens of seconds on both paths (a cold gateway
# measures 4 to 10 times slower), and the first call fills the gateway's credential cache.
WARMUP="${BENCH_WARMUP:-30}"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -H "Authorization: ApiKey $KEY" "$GATEWAY/v1/environments/me" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$(( WARMUP < 40 ? WARMUP : 40 ))s" -H "X-Tidings-Context: $(mint)" "$DIRECT/v1/environments/me" >/dev/null

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
