#!/usr/bin/env bash
# Regenerates the golden etcd snapshots used by the io.lifeboat.bbolt tests.
#
# Run by hand, once, when the goldens must change (never from the build):
#   core/src/test/resources/bbolt/make-golden.sh
#
# Starts a throwaway single-member etcd (3.4 or later, from PATH) on free loopback
# ports with a temp data dir, writes data in stages and after each stage saves a
# snapshot with `etcdctl snapshot save` (so each file ends with etcd's 32-byte
# sha256 trailer). Next to each <name>.db.gz it records what etcd itself says:
#   <name>.status.json  `etcdctl snapshot status -w json` (hash, revision, totalKey, totalSize)
#   <name>.count.json   `etcdctl get "" --from-key --keys-only --limit 1 -w json` (count = live keys)
# Snapshots are gzip'ed: they are mostly zeros and repeated values.
set -euo pipefail

out_dir="$(cd "$(dirname "$0")" && pwd)"
export ETCDCTL_API=3
command -v etcd >/dev/null && command -v etcdctl >/dev/null || { echo "need etcd and etcdctl on PATH" >&2; exit 1; }

free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 40000))
    if [ -z "$(ss -Htln "sport = :$p")" ]; then echo "$p"; return; fi
  done
}

work="$(mktemp -d)"
client_port="$(free_port)"
peer_port="$(free_port)"
while [ "$peer_port" = "$client_port" ]; do peer_port="$(free_port)"; done
endpoint="http://127.0.0.1:${client_port}"
etcd_pid=""

cleanup() {
  if [ -n "$etcd_pid" ]; then kill "$etcd_pid" 2>/dev/null || true; wait "$etcd_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# --max-txn-ops: bulk writes go through `etcdctl txn`, one process per 500 puts.
etcd --name golden --data-dir "$work/data" \
  --listen-client-urls "$endpoint" --advertise-client-urls "$endpoint" \
  --listen-peer-urls "http://127.0.0.1:${peer_port}" \
  --initial-advertise-peer-urls "http://127.0.0.1:${peer_port}" \
  --initial-cluster "golden=http://127.0.0.1:${peer_port}" \
  --max-txn-ops 1000 >"$work/etcd.log" 2>&1 &
etcd_pid=$!

ctl() { etcdctl --endpoints "$endpoint" "$@"; }

for _ in $(seq 1 100); do
  ctl endpoint health >/dev/null 2>&1 && break
  sleep 0.1
done
ctl endpoint health >/dev/null

save() {
  local name="$1"
  rm -f "$out_dir/$name.db.gz"
  ctl snapshot save "$work/$name.db" >/dev/null 2>&1
  etcdctl snapshot status -w json "$work/$name.db" >"$out_dir/$name.status.json"
  ctl get "" --from-key --keys-only --limit 1 -w json >"$out_dir/$name.count.json"
  gzip -9 -n -c "$work/$name.db" >"$out_dir/$name.db.gz"
  echo "$name: $(stat -c %s "$work/$name.db") bytes, $(cat "$out_dir/$name.status.json")"
}

# bulk_put PREFIX FIRST LAST PER_TXN VALUE: puts PREFIX%06d for FIRST..LAST, PER_TXN per revision.
bulk_put() {
  local prefix="$1" first="$2" last="$3" per_txn="$4" value="$5" i
  for ((i = first; i <= last; i += per_txn)); do
    {
      echo
      seq -f "put ${prefix}%06g ${value}" "$i" "$((i + per_txn - 1 > last ? last : i + per_txn - 1))"
      echo
      echo
    } | ctl txn >/dev/null
  done
}

# 1. empty: only what etcd writes at start-up (meta, members, cluster, ...).
save empty

# 2. small: a handful of revisions, one overwrite, one delete.
ctl put /registry/a alpha >/dev/null
ctl put /registry/b beta >/dev/null
ctl put /registry/c gamma >/dev/null
ctl put /registry/a alpha-2 >/dev/null
ctl del /registry/b >/dev/null
save small

# 3. large: ~30k revisions in bucket `key` (a branch tree of two levels), values spilling
#    into overflow pages (8 KiB, 40 KiB, 300 KiB), single puts between the bulk txns.
bulk_put /registry/bulk/ 1 30000 250 "v-bulk-value"
for i in $(seq 1 40); do ctl put "/registry/single/$i" "value-$i" >/dev/null; done
for i in 1 2 3 4 5 6; do head -c 6000 /dev/urandom | base64 -w0 | ctl put "/registry/big8k/$i" >/dev/null; done
for i in 1 2 3; do head -c 30000 /dev/urandom | base64 -w0 | ctl put "/registry/big40k/$i" >/dev/null; done
head -c 300000 /dev/zero | tr '\0' 'z' | ctl put /registry/huge >/dev/null
save large

# 4. compacted: overwrite a third, then compact to the head revision. Pages freed by the
#    compaction stay in the file with stale data: only pages reachable from the root count.
bulk_put /registry/bulk/ 1 10000 500 "v-bulk-value-2"
ctl put /registry/big40k/1 small-now >/dev/null
rev="$(ctl endpoint status -w json | sed -n 's/.*"revision":\([0-9]*\).*/\1/p')"
ctl compact --physical "$rev" >/dev/null
save compacted

# 5. deleted: delete most keys one prefix range at a time (tombstones in bucket `key`).
for d in 0 1; do ctl del "/registry/bulk/0${d}" --prefix >/dev/null; done
for i in $(seq 1 20); do ctl del "/registry/single/$i" >/dev/null; done
ctl del /registry/huge >/dev/null
ctl del /registry/big8k/ --prefix >/dev/null
save deleted
