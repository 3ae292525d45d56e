# Sourced by the run-*.sh scripts of load-tests/, from the repository root, before bench-lib.sh:
# installs the tools the benchmarks run (etcd, etcdctl, zstd) when missing, then builds the
# reactor up to load-tests, unless LIFEBOAT_BENCH_SKIP_BUILD=1 (run-benchmarks.sh builds once).
bash infra/local/ensure-tools.sh
[ -n "${LIFEBOAT_BENCH_SKIP_BUILD:-}" ] || ./mvnw -q -B -ntp -pl load-tests -am package -DskipTests -Djib.skip
