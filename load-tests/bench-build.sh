# Sourced by the run-*.sh scripts of load-tests/, from the repository root, before bench-lib.sh:
# installs the tools the benchmarks run (etcd, etcdctl, zstd) when missing, and for the backup
# benchmark's shell-pipeline baseline the aws CLI and GNU time (Debian packages awscli, time),
# then builds the reactor up to load-tests, unless LIFEBOAT_BENCH_SKIP_BUILD=1 (run-benchmarks.sh
# builds once).
bash infra/local/ensure-tools.sh
bench_missing=()
command -v aws >/dev/null 2>&1 || bench_missing+=(awscli)
[ -x /usr/bin/time ] || bench_missing+=(time)
if [ ${#bench_missing[@]} -gt 0 ]; then
  echo "lifeboat bench: installing ${bench_missing[*]} (the save, zstd, upload baseline)" >&2
  bench_sudo=(); [ "$(id -u)" -eq 0 ] || bench_sudo=(sudo)
  # Not fatal: without them the backup benchmark reports that baseline as not measured.
  { "${bench_sudo[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${bench_sudo[@]}" \
      apt-get install -y -qq --no-install-recommends "${bench_missing[@]}"; } >&2 \
    || echo "lifeboat bench: could not install ${bench_missing[*]}" >&2
fi
[ -n "${LIFEBOAT_BENCH_SKIP_BUILD:-}" ] || ./mvnw -q -B -ntp -pl load-tests -am package -DskipTests -Djib.skip
