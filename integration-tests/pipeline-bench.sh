#!/usr/bin/env bash
# Runs io.sharedcatalog.bench.PipelineBenchmark (issue 13): builds the modules, then runs the
# benchmark, which forks two `member` JVMs, two `worker` JVMs and one driver JVM per scenario.
# Extra arguments go to the benchmark: --repeats N (default 3), --only fan-local,fan-remote,...
# (embedded, kedro, fan-local, plain-remote, fan-remote, big, chain), --kedro-script PATH (default:
# ../shared/anchors/kedro_parallel_mechanism.py from the repository root).
# BENCH_OPTS adds JVM options to the benchmark, e.g. -Dbench.warmUps=10 (fan runs before the measured
# ones in each driver JVM; default 200).
# Example: integration-tests/pipeline-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl integration-tests -am package -DskipTests
FLAGS="--add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED \
--add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.nio=ALL-UNNAMED \
--add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.management/sun.management=ALL-UNNAMED \
--add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED"
cd integration-tests
# shellcheck disable=SC2086
exec java $FLAGS -Xmx512m ${BENCH_OPTS:-} -Dhazelcast.phone.home.enabled=false \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp target/classes:../cluster/target/sharedcatalog.jar \
  io.sharedcatalog.bench.PipelineBenchmark "$@"
