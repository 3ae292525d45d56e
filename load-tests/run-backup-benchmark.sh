#!/usr/bin/env bash
# lifeboat's backup benchmark: etcdctl snapshot save vs lifeboat --once on 256 MiB and 1 GiB dbs
# (random and Kubernetes-like values), against a real etcd and S3Mock on 127.0.0.1.
# Not part of any test run. See docs/BENCHMARKS.md for the figures and how to read them.
#
#   load-tests/run-backup-benchmark.sh                                          # full run
#   load-tests/run-backup-benchmark.sh --sizes 64MiB --values random --runs 1   # quick run
#
# Options are BackupBenchmark's (--help). The report is printed and written to
# load-tests/target/backup-benchmark-<UTC time>.md, every run as TSV beside it (.tsv, what
# RenderCharts draws from); progress goes to stderr. LIFEBOAT_BENCH_SKIP_BUILD=1 skips the
# build (run-benchmarks.sh has built already).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

source load-tests/bench-build.sh

# Private copies of the jars ($lib, $classpath): see bench-lib.sh.
source load-tests/bench-lib.sh

report="load-tests/target/backup-benchmark-$(date -u +%Y%m%dT%H%M%SZ).md"
java -Xmx1g -cp "$classpath" \
  -Dlifeboat.s3mock.jar="$lib/s3mock-exec.jar" \
  io.lifeboat.bench.BackupBenchmark \
  --service-jar "$lib/lifeboat-service-0.1.0-SNAPSHOT.jar" \
  --out "$report" "$@"
