#!/usr/bin/env bash
# lifeboat quick start: the main job end to end on this machine, nothing outside 127.0.0.1.
#   builds lifeboat, starts a local etcd and a local S3-compatible server (S3Mock),
#   writes sample data, takes one backup with the service's one-shot mode, lists the bucket,
#   stops and deletes that etcd, restores the snapshot with the `lifeboat` CLI into a fresh
#   data dir, starts etcd on it and shows it serving the keys; then stops everything it
#   started. Run from anywhere: infra/local/quickstart.sh
# Needs: a JDK 17 and Debian/Ubuntu (etcd, etcdctl and zstd are installed when missing).
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
work=${LIFEBOAT_DEMO_DIR:-$(mktemp -d /tmp/lifeboat-demo.XXXXXX)}
etcd_port=${LIFEBOAT_DEMO_ETCD_PORT:-23790}
s3_port=${LIFEBOAT_DEMO_S3_PORT:-23900}
bucket=lifeboat-demo
pids=()

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -z "${LIFEBOAT_DEMO_KEEP:-}" ] && rm -rf "$work"
}
trap cleanup EXIT
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_for() { # url, what, seconds
  for _ in $(seq 1 "$3"); do curl -fs -o /dev/null "$1" && return 0; sleep 1; done
  echo "lifeboat demo: $2 did not come up; its log is in $work" >&2; exit 1
}

say "Installing etcd, etcdctl and zstd if missing"
"$repo/infra/local/ensure-tools.sh"

say "Building lifeboat (./mvnw package, tests skipped: the test command runs them)"
(cd "$repo" && ./mvnw -q -B -DskipTests -pl service,restore-cli -am package)
(cd "$repo" && ./mvnw -q -B -N dependency:copy -Dartifact="com.adobe.testing:s3mock:$(
  sed -n 's:.*<s3mock.version>\(.*\)</s3mock.version>.*:\1:p' pom.xml):jar:exec" -DoutputDirectory="$work")
service_jar=$(ls "$repo"/service/target/lifeboat-service-*.jar | grep -v original | head -1)
lifeboat="$repo/restore-cli/target/lifeboat"

for port in "$etcd_port" $((etcd_port + 1)) $((etcd_port + 10)) $((etcd_port + 11)) "$s3_port"; do
  port_free "$port" || { echo "lifeboat demo: port $port is in use; set LIFEBOAT_DEMO_ETCD_PORT / LIFEBOAT_DEMO_S3_PORT" >&2; exit 1; }
done

say "Starting etcd on 127.0.0.1:$etcd_port (data in $work/etcd)"
etcd --name demo --data-dir "$work/etcd" \
  --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
  --listen-peer-urls "http://127.0.0.1:$((etcd_port + 1))" --initial-advertise-peer-urls "http://127.0.0.1:$((etcd_port + 1))" \
  --initial-cluster "demo=http://127.0.0.1:$((etcd_port + 1))" >"$work/etcd.log" 2>&1 &
pids+=($!)

say "Starting S3Mock on 127.0.0.1:$s3_port (objects in $work/s3)"
cp "$repo/test-harness/src/main/resources/io/lifeboat/testing/s3mock-loopback.xml" "$work/"
java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$work"/s3mock-*-exec.jar \
  --server.port="$s3_port" --server.address=127.0.0.1 --server.ssl.enabled=false --http.port=0 \
  --spring.main.sources="file:$work/s3mock-loopback.xml" --spring.main.allow-bean-definition-overriding=true \
  --com.adobe.testing.s3mock.store.root="$work/s3" --com.adobe.testing.s3mock.store.initial-buckets="$bucket" \
  --spring.main.banner-mode=off >"$work/s3mock.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$etcd_port/health" etcd 30
wait_for "http://127.0.0.1:$s3_port/$bucket" S3Mock 90

say "Writing sample data: 300 Kubernetes-like keys"
export ETCDCTL_API=3
for i in $(seq 1 100); do
  for kind in configmaps secrets pods; do
    printf '{"kind":"%s","metadata":{"name":"demo-%d","namespace":"default"},"data":"%s"}' \
      "$kind" "$i" "$(head -c 600 /dev/urandom | base64 -w0)" \
      | etcdctl --endpoints "http://127.0.0.1:$etcd_port" put "/registry/$kind/default/demo-$i" >/dev/null
  done
done
etcdctl --endpoints "http://127.0.0.1:$etcd_port" endpoint status -w table

say "Backing up: java -jar $(basename "$service_jar") --once"
export LIFEBOAT_ETCD_ENDPOINTS="http://127.0.0.1:$etcd_port" LIFEBOAT_S3_BUCKET="$bucket" \
  LIFEBOAT_S3_ENDPOINT="http://127.0.0.1:$s3_port" LIFEBOAT_S3_PATH_STYLE=true LIFEBOAT_CLUSTER=demo \
  AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo
java -jar "$service_jar" --once 2>"$work/backup.log" | tee "$work/backup.out"
snapshot_id=$(tail -1 "$work/backup.out")

say "The bucket, as the restore CLI sees it: lifeboat list"
"$lifeboat" list
echo "  raw keys:"
curl -fs "http://127.0.0.1:$s3_port/$bucket?list-type=2" | grep -o '<Key>[^<]*</Key>' | sed 's/<[^>]*>//g; s/^/    /'
keys_before=$(etcdctl --endpoints "http://127.0.0.1:$etcd_port" get /registry --prefix --keys-only | grep -c .)

say "Disaster: stopping etcd and deleting its data dir"
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true
rm -rf "$work/etcd"

say "Restoring: lifeboat restore latest --data-dir $work/restored --verify-start"
restored_peer="http://127.0.0.1:$((etcd_port + 11))"
"$lifeboat" restore latest --data-dir "$work/restored" --name demo \
  --initial-cluster "demo=$restored_peer" --initial-advertise-peer-urls "$restored_peer" --verify-start

say "Starting etcd on the restored data dir (127.0.0.1:$((etcd_port + 10)))"
etcd --name demo --data-dir "$work/restored" \
  --listen-client-urls "http://127.0.0.1:$((etcd_port + 10))" --advertise-client-urls "http://127.0.0.1:$((etcd_port + 10))" \
  --listen-peer-urls "$restored_peer" --initial-advertise-peer-urls "$restored_peer" \
  --initial-cluster "demo=$restored_peer" >"$work/etcd-restored.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$((etcd_port + 10))/health" "restored etcd" 30
keys_after=$(etcdctl --endpoints "http://127.0.0.1:$((etcd_port + 10))" get /registry --prefix --keys-only | grep -c .)
echo "  keys before the disaster: $keys_before; keys served by the restored etcd: $keys_after"
echo "  /registry/configmaps/default/demo-1 = $(etcdctl --endpoints "http://127.0.0.1:$((etcd_port + 10))" \
  get /registry/configmaps/default/demo-1 --print-value-only | cut -c1-80)..."
[ "$keys_before" -eq "$keys_after" ] || { echo "lifeboat demo: restored key count differs" >&2; exit 1; }

say "Done: snapshot $snapshot_id backed up, listed, restored and served."
