#!/usr/bin/env bash
# lifeboat's catalog benchmark: listing, incremental refresh and a retention decision over
# 10,000 manifests in an S3Proxy bucket on 127.0.0.1 (--store s3mock for S3Mock), in-process and through the CLI
# (`lifeboat list`, `list --summary`, `prune --dry-run`). Not part of any test run.
# See docs/BENCHMARKS.md ("Catalog").
#
#   load-tests/run-catalog-benchmark.sh                    # 10,000 manifests
#   load-tests/run-catalog-benchmark.sh --manifests 1000   # quick run
#
# The report is printed and written to load-tests/target/catalog-benchmark-<UTC time>.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

bash infra/local/ensure-tools.sh
./mvnw -q -B -pl load-tests,restore-cli -am package -DskipTests

source load-tests/bench-lib.sh
mkdir "$lib/cli"
cp restore-cli/target/lifeboat restore-cli/target/lifeboat.jar "$lib/cli/"

report="load-tests/target/catalog-benchmark-$(date -u +%Y%m%dT%H%M%SZ).md"
java -Xmx512m -cp "$classpath" \
  -Dlifeboat.s3mock.jar="$lib/s3mock-exec.jar" \
  -Dlifeboat.s3proxy.jar="$root/load-tests/target/s3proxy/s3proxy.jar" \
  io.lifeboat.bench.CatalogBenchmark \
  --service-jar "$lib/lifeboat-service-0.1.0-SNAPSHOT.jar" \
  --lifeboat "$lib/cli/lifeboat" \
  --out "$report" "$@"
