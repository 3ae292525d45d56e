# Sourced by the run-*.sh scripts of load-tests/, from the repository root, before bench-lib.sh:
# installs the tools the benchmarks run (etcd, etcdctl, zstd) when missing, and for the backup
# benchmark's shell-pipeline baseline the aws CLI and GNU time (Debian packages awscli, time),
# then builds the reactor up to load-tests, unless LIFEBOAT_BENCH_SKIP_BUILD=1 (run-benchmarks.sh
# builds once).
bash infra/local/ensure-tools.sh
# Not fatal: without them the backup benchmark reports that baseline as not measured.
LIFEBOAT_EXTRA_TOOLS="aws:awscli /usr/bin/time:time" bash infra/local/ensure-tools.sh \
  || echo "lifeboat bench: no aws CLI or GNU time: the save, zstd, upload baseline is not measured" >&2
[ -n "${LIFEBOAT_BENCH_SKIP_BUILD:-}" ] || ./mvnw -q -B -ntp -pl load-tests -am package -DskipTests -Djib.skip
