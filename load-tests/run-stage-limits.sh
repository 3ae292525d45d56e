#!/usr/bin/env bash
# lifeboat's per-stage limits: etcd's snapshot stream discarded, SHA-256, CRC32C, zstd-jni
# level 1 and 3, the zstd command's ratio, a multipart upload from memory and etcdctl snapshot
# save, each alone, on a filled etcd and S3Mock on 127.0.0.1. Not part of any test run.
#
#   load-tests/run-stage-limits.sh                         # 256 MiB, Kubernetes-like values
#   load-tests/run-stage-limits.sh --size 1GiB --values random --runs 3
#
# The table is printed and written to load-tests/target/stage-limits-<UTC time>.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

source load-tests/bench-build.sh

# Private copies of the jars ($lib, $classpath): see bench-lib.sh.
source load-tests/bench-lib.sh

# S3Mock takes any credentials; these never leave 127.0.0.1.
export AWS_ACCESS_KEY_ID=lifeboat-bench AWS_SECRET_ACCESS_KEY=lifeboat-bench-secret AWS_REGION=us-east-1
report="load-tests/target/stage-limits-$(date -u +%Y%m%dT%H%M%SZ).md"
java -Xmx3g -cp "$classpath" \
  -Dlifeboat.s3mock.jar="$lib/s3mock-exec.jar" \
  io.lifeboat.bench.StageLimits "$@" | tee "$report"
