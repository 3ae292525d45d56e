#!/usr/bin/env bash
# lifeboat's slow-bucket benchmark: one lifeboat --once through a proxy on 127.0.0.1 that lets
# the "bucket" (S3Mock) take request bodies at about 10 MB/s; RSS, etcd's bytes sent and the
# bucket's bytes taken, once a second. Not part of any test run. See docs/BENCHMARKS.md.
#
#   load-tests/run-slow-bucket-benchmark.sh                                   # 256 MiB, random values, 10 MB/s
#   load-tests/run-slow-bucket-benchmark.sh --size 1GiB --values kubernetes --rate 5000000
#
# The report is printed and written to load-tests/target/slow-bucket-<UTC time>.md.
# LIFEBOAT_BENCH_SKIP_BUILD=1 skips the build.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

source load-tests/bench-build.sh

# Private copies of the jars ($lib, $classpath): see bench-lib.sh.
source load-tests/bench-lib.sh

report="load-tests/target/slow-bucket-$(date -u +%Y%m%dT%H%M%SZ).md"
java -Xmx512m -cp "$classpath" \
  -Dlifeboat.s3mock.jar="$lib/s3mock-exec.jar" \
  io.lifeboat.bench.SlowBucketBenchmark \
  --service-jar "$lib/lifeboat-service-0.1.0-SNAPSHOT.jar" "$@" | tee "$report"
