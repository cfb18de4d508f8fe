# Sourced by the bench scripts: installs wrk if needed and starts a throw-away Tidings with
# deploy/local/run.sh on ports BASE.. (its own data dir), stopped when the script exits.
# Needs ROOT and BASE set; sets GATEWAY and KEY (the demo Development key).

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -q wrk >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
  else echo "bench needs wrk (apt-get install wrk)" >&2; exit 1; fi
fi

export TIDINGS_GATEWAY_PORT=$BASE TIDINGS_ENVIRONMENT_PORT=$((BASE+1)) TIDINGS_TEMPLATE_PORT=$((BASE+2))
export TIDINGS_SUBSCRIBER_PORT=$((BASE+3)) TIDINGS_PROMOTION_PORT=$((BASE+4))
export TIDINGS_POSTGRES_PORT=$((BASE+10)) TIDINGS_KAFKA_PORT=$((BASE+11)) TIDINGS_KAFKA_CONTROLLER_PORT=$((BASE+12))
export TIDINGS_ADMIN_TOKEN="bench-admin-token"

RUN_LOG="$(mktemp /tmp/tidings-bench-run.XXXXXX.log)"
"$ROOT/deploy/local/run.sh" --fresh >"$RUN_LOG" 2>&1 &
RUN_PID=$!
# TERM, not INT: a background job of a non-interactive shell ignores SIGINT.
trap 'kill -TERM $RUN_PID 2>/dev/null; wait $RUN_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 "${BENCH_STARTUP_SECONDS:-300}"); do
  grep -q "Tidings is ready at" "$RUN_LOG" && break
  kill -0 $RUN_PID 2>/dev/null || { echo "run.sh exited:"; tail -40 "$RUN_LOG"; exit 1; }
  sleep 1
done
grep -q "Tidings is ready at" "$RUN_LOG" || { echo "system did not start in ${BENCH_STARTUP_SECONDS:-300} s"; tail -40 "$RUN_LOG"; exit 1; }

GATEWAY="http://localhost:$TIDINGS_GATEWAY_PORT"
KEY="$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(next(e["apiKey"] for e in d["environments"] if e["name"]=="Development"))' "$TIDINGS_DATA_DIR/demo.json")"
[ -n "$KEY" ] || { echo "no development key in $TIDINGS_DATA_DIR/demo.json"; exit 1; }
