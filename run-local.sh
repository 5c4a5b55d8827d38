#!/usr/bin/env bash
# Runs the whole suite locally: PostgreSQL and Kafka from Maven artifacts (no Docker), then the five services.
# Data stays in .local/ between runs. Ctrl-C stops everything. Linux and macOS (bash 3.2 will do), x86-64 and ARM.
#
#   ./run-local.sh                 build on first use, start, print the URLs and dev tokens
#   ./run-local.sh --build         rebuild the services first (after a change)
#   ./run-local.sh --containers    PostgreSQL and Kafka as containers (Testcontainers; needs Docker or Podman),
#                                  throwaway: their data goes with them. SALESPULSE_STACK=embedded|containers|auto
#                                  asks the same without the switch.
#   ./run-local.sh --demo [scale]  also import the generated two-year demo history through integration-service
#                                  (docs/running-and-testing.md; scale 1.0 is the full department)
set -euo pipefail
cd "$(dirname "$0")"

services="lead-service deal-service analytics-service notification-service integration-service"
classpath_file=local-stack/target/launcher-classpath.txt

build=false
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=true ;;
    *) args+=("$1") ;;
  esac
  shift
done
for service in $services; do
  [ -f "$service/target/quarkus-app/quarkus-run.jar" ] || build=true
done
[ -f "$classpath_file" ] || build=true

if [ "$build" = true ]; then
  echo "Building the services (tests skipped; run ./mvnw verify for those) ..."
  # package only (nothing goes to ~/.m2); the launcher's class path points into the reactor's target/ folders
  ./mvnw -B -q package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/launcher-classpath.txt -Dmdep.includeScope=runtime \
    -pl "local-stack,$(echo $services | tr ' ' ',')" -am
fi

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# the class path separator of the JVM's platform: Git Bash and Cygwin run a Windows JVM
case "$(uname -s)" in
  MINGW* | MSYS* | CYGWIN*) separator=';' ;;
  *) separator=':' ;;
esac
exec "$java" -cp "local-stack/target/classes$separator$(cat "$classpath_file")" \
  com.salespulse.localstack.LocalStack ${args[@]+"${args[@]}"}
