#!/usr/bin/env bash
# Every lifeboat benchmark in one command, then the charts: the backup benchmark, the restore
# benchmark, the put-latency benchmark (each its own run-*-benchmark.sh, against a real etcd and
# S3Mock on 127.0.0.1), and RenderCharts' PNGs from their TSVs. Not part of .ci/run or any
# test run. See docs/BENCHMARKS.md ("Running all benchmarks").
#
#   load-tests/run-benchmarks.sh            # full: ~20 min; charts to docs/benchmarks/
#   load-tests/run-benchmarks.sh --quick    # 64 MiB, 1 run each: ~6 min; charts to the run dir
#
# Options:
#   --quick                 64 MiB dbs, random values, one run of each (a smoke run, not figures)
#   --charts-dir DIR        where the PNGs go (default: docs/benchmarks, or the run dir with --quick)
#   --backup-args "..."     extra options for run-backup-benchmark.sh (after --quick's)
#   --restore-args "..."    extra options for run-restore-benchmark.sh
#   --put-latency-args "..." extra options for run-put-latency-benchmark.sh
#   --stage-args "..."      extra options for run-stage-limits.sh
#   --slow-bucket-args "..." extra options for run-slow-bucket-benchmark.sh
#   --skip LIST             comma-separated: backup, restore, put-latency, stages, slow-bucket
#   --note TEXT             what the charts' subtitles say about the run (default: "run <time>",
#                           or "quick run <time>")
#
# Reports, TSVs and charts of a run go to load-tests/target/benchmarks-<UTC time>/. On a shared
# machine, hold a lock around the whole run, e.g. `flock /work/bench.lock load-tests/run-benchmarks.sh`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

quick=""
charts=""
skip=""
note=""
backup_args=()
restore_args=()
put_args=()
stage_args=()
slow_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1; shift ;;
    --charts-dir) charts="$2"; shift 2 ;;
    --backup-args) read -r -a backup_args <<< "$2"; shift 2 ;;
    --restore-args) read -r -a restore_args <<< "$2"; shift 2 ;;
    --put-latency-args) read -r -a put_args <<< "$2"; shift 2 ;;
    --stage-args) read -r -a stage_args <<< "$2"; shift 2 ;;
    --slow-bucket-args) read -r -a slow_args <<< "$2"; shift 2 ;;
    --skip) skip=",$2,"; shift 2 ;;
    --note) note="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set /{/^#/p}' "$root/load-tests/run-benchmarks.sh" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-benchmarks: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
run_dir="load-tests/target/benchmarks-$stamp"
mkdir -p "$run_dir"
if [ -n "$quick" ]; then
  backup_args=(--sizes 64MiB --values random --runs 1 "${backup_args[@]}")
  restore_args=(--size 64MiB --runs 1 --help-runs 3 "${restore_args[@]}")
  put_args=(--size 64MiB --backups 1 --quiet 20 "${put_args[@]}")
  stage_args=(--size 64MiB --runs 1 "${stage_args[@]}")
  slow_args=(--size 64MiB "${slow_args[@]}")
  charts="${charts:-$run_dir}"
  note="${note:-quick run $stamp}"
else
  charts="${charts:-docs/benchmarks}"
  note="${note:-run $stamp}"
fi
skipped() { case "$skip" in *",$1,"*) return 0 ;; *) return 1 ;; esac; }

# One build for all three (the restore benchmark needs restore-cli); the scripts this one runs
# are told to skip theirs, except run-restore-benchmark.sh, which always builds (incremental).
bash infra/local/ensure-tools.sh
./mvnw -q -B -ntp -pl load-tests,restore-cli -am package -DskipTests -Djib.skip
export LIFEBOAT_BENCH_SKIP_BUILD=1

step() { echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) run-benchmarks: $*" >&2; }
if ! skipped backup; then
  step "backup benchmark ${backup_args[*]}"
  load-tests/run-backup-benchmark.sh "${backup_args[@]}" --out "$run_dir/backup.md" > /dev/null
fi
if ! skipped restore; then
  step "restore benchmark ${restore_args[*]}"
  load-tests/run-restore-benchmark.sh "${restore_args[@]}" --out "$run_dir/restore.md" > /dev/null
fi
if ! skipped put-latency; then
  step "put-latency benchmark ${put_args[*]}"
  load-tests/run-put-latency-benchmark.sh "${put_args[@]}" --out "$run_dir/put-latency.md" > /dev/null
fi

if ! skipped stages; then
  step "stage limits ${stage_args[*]}"
  LIFEBOAT_BENCH_SKIP_BUILD=1 load-tests/run-stage-limits.sh "${stage_args[@]}" > "$run_dir/stage-limits.md"
fi

if ! skipped slow-bucket; then
  step "slow-bucket benchmark ${slow_args[*]}"
  LIFEBOAT_BENCH_SKIP_BUILD=1 load-tests/run-slow-bucket-benchmark.sh "${slow_args[@]}" > "$run_dir/slow-bucket.md"
fi

step "charts to $charts"
source load-tests/bench-lib.sh
chart_args=(--out-dir "$charts" --note "$note")
[ -f "$run_dir/backup.tsv" ] && chart_args+=(--backup-rows "$run_dir/backup.tsv")
[ -f "$run_dir/put-latency.tsv" ] && chart_args+=(--put-latency "$run_dir/put-latency.tsv")
java -Djava.awt.headless=true -cp "$classpath" io.lifeboat.bench.RenderCharts "${chart_args[@]}"

step "done. Reports in $run_dir:"
ls -1 "$run_dir" >&2
