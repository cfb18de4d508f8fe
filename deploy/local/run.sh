#!/usr/bin/env bash
# Runs the whole of Tidings on this machine: PostgreSQL, Kafka, every built service, a demo organization.
# Usage: deploy/local/run.sh [--fresh] [--build]
#   --fresh  delete the data directory first (passed to the launcher)
#   --build  rebuild everything before starting, even if the jars exist
# Settings: TIDINGS_* environment variables (see README.md). Ctrl-C stops everything.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VERSION="0.1.0-SNAPSHOT"
LAUNCHER="$ROOT/deploy/local/target/local-launcher-$VERSION.jar"

build=false
args=()
for arg in "$@"; do
  case "$arg" in
    --build) build=true ;;
    *) args+=("$arg") ;;
  esac
done

# A relative TIDINGS_DATA_DIR means relative to where run.sh was called from.
if [[ -n "${TIDINGS_DATA_DIR:-}" && "${TIDINGS_DATA_DIR}" != /* ]]; then
  export TIDINGS_DATA_DIR="$PWD/$TIDINGS_DATA_DIR"
fi

[[ -f "$LAUNCHER" && -d "$ROOT/deploy/local/target/lib" ]] || build=true
# Only services the root pom builds (a module line that is not commented out).
for service in environment-service template-service subscriber-service promotion-service gateway; do
  if grep -Eq "^[[:space:]]*<module>$service</module>" "$ROOT/pom.xml" \
      && [[ ! -f "$ROOT/$service/target/$service-$VERSION.jar" ]]; then
    build=true
  fi
done

if $build; then
  echo "Building Tidings (./mvnw -q -B -DskipTests install) ..."
  (cd "$ROOT" && ./mvnw -q -B -DskipTests install)
fi

exec java -Dtidings.home="$ROOT" -cp "$LAUNCHER:$ROOT/deploy/local/target/lib/*" io.tidings.local.LocalTidings ${args[@]+"${args[@]}"}
