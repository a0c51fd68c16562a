#!/usr/bin/env bash
# Runs io.sharedcatalog.bench.HandoffBenchmark (issue 7): builds the modules, then runs the benchmark
# with the Hazelcast JDK-17 flags. Extra arguments go to the benchmark: --quick, --members N,
# --gigabyte (then also pass BENCH_XMX=6g), --payloads 100B,1MiB,50krows,64MiB, --no-extras, --no-injvm (skip the route with members and clients in this JVM).
# BENCH_OPTS adds JVM options to the benchmark JVM (e.g. -Dsharedcatalog.store.chunkBytes=262144, or
# -Dsharedcatalog.store.splitMinBytes=67108864 to store 1 MiB values with their header in one array).
# Example: integration-tests/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl integration-tests -am package -DskipTests
FLAGS="--add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED \
--add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.nio=ALL-UNNAMED \
--add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.management/sun.management=ALL-UNNAMED \
--add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED"
cd integration-tests
# shellcheck disable=SC2086
exec java $FLAGS -Xmx"${BENCH_XMX:-3g}" ${BENCH_OPTS:-} -Dhazelcast.phone.home.enabled=false \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp target/classes:../cluster/target/sharedcatalog.jar \
  io.sharedcatalog.bench.HandoffBenchmark "$@"
