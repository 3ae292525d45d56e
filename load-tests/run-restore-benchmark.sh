#!/usr/bin/env bash
# lifeboat's restore benchmark: `lifeboat restore` (the CLI: download, verify, stage, etcdctl
# snapshot restore) next to the sequential baseline (curl, zstd -d, etcdctl snapshot restore)
# and `lifeboat verify`, on a 1 GiB db, against a real etcd and S3Mock on 127.0.0.1; then
# `lifeboat --help`'s start-up. Not part of any test run. See docs/BENCHMARKS.md ("Restore").
#
#   load-tests/run-restore-benchmark.sh                  # full run: 1 GiB, 3 runs of each
#   load-tests/run-restore-benchmark.sh --size 32MiB     # quick run
#
# Options are RestoreBenchmark's (--help). The report is printed and written to
# load-tests/target/restore-benchmark-<UTC time>.md; progress goes to stderr.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

bash infra/local/ensure-tools.sh
command -v curl >/dev/null || { echo "run-restore-benchmark: the baseline needs curl" >&2; exit 1; }
./mvnw -q -B -pl load-tests,restore-cli -am package -DskipTests

# Private copies of the jars ($lib, $classpath): see bench-lib.sh.
source load-tests/bench-lib.sh
# The launcher runs the lifeboat.jar beside it.
mkdir "$lib/cli"
cp restore-cli/target/lifeboat restore-cli/target/lifeboat.jar "$lib/cli/"

report="load-tests/target/restore-benchmark-$(date -u +%Y%m%dT%H%M%SZ).md"
java -Xmx1g -cp "$classpath" \
  -Dlifeboat.s3mock.jar="$lib/s3mock-exec.jar" \
  io.lifeboat.bench.RestoreBenchmark \
  --service-jar "$lib/lifeboat-service-0.1.0-SNAPSHOT.jar" \
  --lifeboat "$lib/cli/lifeboat" \
  --out "$report" "$@"
