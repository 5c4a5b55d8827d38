#!/usr/bin/env bash
# Runs the whole suite locally: PostgreSQL and Kafka from Maven artifacts (no Docker), then the four services.
# Data stays in .local/ between runs. Ctrl-C stops everything. Pass --build to rebuild the services first.
set -euo pipefail
cd "$(dirname "$0")"

needs_build=false
for service in lead-service deal-service analytics-service notification-service; do
  [ -f "$service/target/quarkus-app/quarkus-run.jar" ] || needs_build=true
done
if [ "${1:-}" = "--build" ] || [ "$needs_build" = true ]; then
  echo "Building the services (tests skipped; run ./mvnw verify for those) ..."
  ./mvnw -B -q install -DskipTests
fi

exec ./mvnw -B -q -pl local-stack exec:java
