#!/usr/bin/env bash
# lifeboat's put-latency benchmark: etcd put latency (200 puts/s of 1 KiB, open loop, from a
# separate JVM) without a backup and during `lifeboat --once` backups, on a 256 MiB db, against
# a real etcd and S3Mock on 127.0.0.1. Not part of any test run.
# See docs/BENCHMARKS.md ("Put latency during a backup").
#
#   load-tests/run-put-latency-benchmark.sh                                        # 256 MiB, 3 backups
#   load-tests/run-put-latency-benchmark.sh --size 64MiB --backups 1 --quiet 20    # quick run
#
# Options are PutLatencyBenchmark's (--help). The report is printed and written to
# load-tests/target/put-latency-benchmark-<UTC time>.md, its percentiles beside it (.tsv, what
# RenderCharts draws from); progress goes to stderr. LIFEBOAT_BENCH_SKIP_BUILD=1 skips the build.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

source load-tests/bench-build.sh

# Private copies of the jars ($lib, $classpath): see bench-lib.sh. The put load's child JVM
# runs on the same class path.
source load-tests/bench-lib.sh

report="load-tests/target/put-latency-benchmark-$(date -u +%Y%m%dT%H%M%SZ).md"
java -Xmx512m -cp "$classpath" \
  -Dlifeboat.s3mock.jar="$lib/s3mock-exec.jar" \
  io.lifeboat.bench.PutLatencyBenchmark \
  --service-jar "$lib/lifeboat-service-0.1.0-SNAPSHOT.jar" \
  --out "$report" "$@"
