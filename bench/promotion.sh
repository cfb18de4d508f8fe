#!/usr/bin/env bash
# Promotion benchmark (issue 5): "promote all" with N pending workflow changes, from the API call
# to the completed saga, through the gateway, for each N given (default 100 1000 10000). In the
# same run, on the same Postgres, the raw lower bound: the same N workflow rows upserted into a
# scratch environment in one SQL transaction, once as one set-based statement and once row by row
# (N statements from psql, one transaction).
#
# Usage: bench/promotion.sh [sizes...]
#   Starts its own system with deploy/local/run.sh on ports 18280+ and a fresh data dir, then stops it.
#   Needs wrk and psql (installed from Debian's packages when run as root).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIZES=("${@:-100 1000 10000}")
read -r -a SIZES <<<"${SIZES[*]}"
BASE="${BENCH_BASE_PORT:-18280}"

if ! command -v psql >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -q postgresql-client >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q postgresql-client >/dev/null; }
  else echo "bench needs psql (apt-get install postgresql-client)" >&2; exit 1; fi
fi

export TIDINGS_DATA_DIR="${BENCH_DATA_DIR:-/tmp/tidings-bench-promotion}"
source "$ROOT/bench/system.sh"

AUTH="Authorization: ApiKey $KEY"
export PGPASSWORD=postgres
SQL=(psql -q -X -v ON_ERROR_STOP=1 -h localhost -p "$TIDINGS_POSTGRES_PORT" -U postgres -d template)
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
pending() { curl -fsS -H "$AUTH" "$GATEWAY/v1/changes/count" | json 'd["data"]'; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", b-a}'; }

# promote_all: POST {"all": true} and poll until the saga has finished; prints its final status
promote_all() {
  local id status
  id="$(curl -fsS -H "$AUTH" -H 'Content-Type: application/json' -d '{"all": true}' "$GATEWAY/v1/promotions" | json 'd["data"]["_id"]')"
  while :; do
    status="$(curl -fsS -H "$AUTH" "$GATEWAY/v1/promotions/$id" | json 'd["data"]["status"]')"
    [ "$status" = running ] || [ "$status" = compensating ] || break
    sleep 0.05
  done
  echo "$status"
}

# anything already pending (the demo seed's content) is promoted before each round, which also
# warms the saga's path before the first measured one
# the pending count once it has held for 5 s (the projection may still be catching up)
stable_pending() {
  local before now same=0
  before="$(pending)"
  while [ $same -lt 5 ]; do sleep 1; now="$(pending)"; if [ "$now" = "$before" ]; then same=$((same + 1)); else same=0; before=$now; fi; done
  echo "$before"
}
settle() {
  local before
  before="$(stable_pending)"
  [ "$before" -eq 0 ] || echo "promoting $before changes already pending first: $(promote_all)"
}
settle

printf "%-8s %12s %12s %14s %12s %14s %10s %10s\n" changes "saga s" "changes/s" "raw rows s" "ratio rows" "raw set s" "ratio set" "us/change"
round=0
for n in "${SIZES[@]}"; do
  round=$((round + 1))
  prefix="r$round-"
  settle
  # create the round's workflows in development and wait until the projection lists them all
  TOTAL=$n THREADS=2 PREFIX="$prefix" wrk -t2 -c8 -d900s -s "$ROOT/bench/create-workflows.lua" -H "$AUTH" "$GATEWAY" >/dev/null &
  WRK_PID=$!
  while kill -0 $WRK_PID 2>/dev/null && [ "$(pending)" -lt "$n" ]; do sleep 1; done
  kill $WRK_PID 2>/dev/null || true
  wait $WRK_PID 2>/dev/null || true
  # wrk's connections still in flight at its quota add a few more: measure what is actually pending
  n="$(stable_pending)"

  # the saga: POST, then poll until it has finished
  cpu0="$(python3 "$ROOT/bench/cpu.py" "$TIDINGS_DATA_DIR")"
  t0=$(now)
  status="$(promote_all)"
  t1=$(now)
  cpu1="$(python3 "$ROOT/bench/cpu.py" "$TIDINGS_DATA_DIR")"
  [ "$status" = completed ] || { echo "the promotion of $n changes ended $status"; exit 1; }
  saga=$(secs "$t0" "$t1")

  # the raw lower bound, on the same rows: into a scratch environment, in one transaction
  dev="$("${SQL[@]}" -At -c "SELECT environment_id FROM workflows WHERE name LIKE 'Bench workflow $prefix%' LIMIT 1")"
  scratch_set="$(python3 -c 'import uuid; print(uuid.uuid4())')"
  scratch_rows="$(python3 -c 'import uuid; print(uuid.uuid4())')"
  rows_sql="$(mktemp)"
  "${SQL[@]}" -At -c "SELECT format('INSERT INTO workflows (environment_id, id, name, identifier, notification_group_id, layout_ids, content) \
VALUES (%L, %L, %L, %L, %L, %L, %L) ON CONFLICT (environment_id, id) DO UPDATE SET content = EXCLUDED.content, updated_at = now();', \
'$scratch_rows', id, name, identifier, notification_group_id, layout_ids, content) \
FROM workflows WHERE environment_id = '$dev' AND name LIKE 'Bench workflow $prefix%'" >"$rows_sql"
  t0=$(now); "${SQL[@]}" -1 -f "$rows_sql"; t1=$(now); raw_rows=$(secs "$t0" "$t1")
  t0=$(now)
  "${SQL[@]}" -1 -c "INSERT INTO workflows (environment_id, id, name, identifier, notification_group_id, layout_ids, content) \
SELECT '$scratch_set', id, name, identifier, notification_group_id, layout_ids, content FROM workflows \
WHERE environment_id = '$dev' AND name LIKE 'Bench workflow $prefix%' \
ON CONFLICT (environment_id, id) DO UPDATE SET content = EXCLUDED.content, updated_at = now()"
  t1=$(now); raw_set=$(secs "$t0" "$t1")
  "${SQL[@]}" -c "DELETE FROM workflows WHERE environment_id IN ('$scratch_set', '$scratch_rows')"
  rm -f "$rows_sql"

  awk -v n="$n" -v s="$saga" -v r="$raw_rows" -v q="$raw_set" \
    'BEGIN{printf "%-8d %12.3f %12.0f %14.3f %12.1f %14.3f %10.1f %10.0f\n", n, s, n/s, r, s/r, q, s/q, s*1e6/n}'
  # where the saga's time went: CPU seconds each part used between the call and the end
  python3 - "$cpu0" "$cpu1" <<'PY'
import sys
before = dict(kv.split("=") for kv in sys.argv[1].split())
after = dict(kv.split("=") for kv in sys.argv[2].split())
print("         cpu s during the saga: " + "  ".join(f"{k} {float(after[k]) - float(before[k]):.1f}" for k in after))
PY
done
