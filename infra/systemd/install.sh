#!/usr/bin/env bash
# Installs lifeboat's systemd units, scripts and jars on a kubeadm node whose etcd runs from a
# tmpfs. Run as root from a built tree (./mvnw -B -DskipTests -pl service,restore-cli -am package):
#   infra/systemd/install.sh            # install; enables var-lib-etcd.mount and the timer
#   DESTDIR=/tmp/root infra/systemd/install.sh   # into another root (the tests do); no systemctl
#   LIFEBOAT_NO_TIMER=1 ...             # periodic backups come from the DaemonSet instead
# It never overwrites an existing /etc/lifeboat/lifeboat.env, and it starts nothing: the next
# boot (or `systemctl start var-lib-etcd.mount` on an EMPTY /var/lib/etcd) takes effect.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
root=${DESTDIR:-}
service_jar=${LIFEBOAT_SERVICE_JAR_SRC:-$(ls "$repo"/service/target/lifeboat-service-*.jar 2>/dev/null | grep -v /original- | head -n 1)}
cli_dir=${LIFEBOAT_CLI_DIR_SRC:-$repo/restore-cli/target}
[ -f "${service_jar:-}" ] || { echo "install.sh: no service jar in $repo/service/target: build first" >&2; exit 1; }
[ -f "$cli_dir/lifeboat.jar" ] && [ -f "$cli_dir/lifeboat" ] || { echo "install.sh: no lifeboat CLI in $cli_dir: build first" >&2; exit 1; }

lib=$root/usr/local/lib/lifeboat
units=$root/etc/systemd/system
install -d -m 0755 "$lib" "$units" "$units/kubelet.service.d" "$root/usr/local/bin"
install -m 0755 "$here/lib/boot-restore" "$here/lib/backup-once" "$here/lib/shutdown-backup" "$lib/"
install -m 0644 "$service_jar" "$lib/lifeboat-service.jar"
install -m 0644 "$cli_dir/lifeboat.jar" "$lib/lifeboat.jar"
install -m 0755 "$cli_dir/lifeboat" "$lib/lifeboat"
ln -sfn ../lib/lifeboat/lifeboat "$root/usr/local/bin/lifeboat"
install -m 0644 "$here/var-lib-etcd.mount" "$here/lifeboat.slice" "$here/lifeboat-backup.service" \
  "$here/lifeboat-backup.timer" "$units/"
install -m 0644 "$here/kubelet.service.d/10-lifeboat.conf" "$units/kubelet.service.d/"
install -d -m 0700 "$root/etc/lifeboat"
if [ ! -e "$root/etc/lifeboat/lifeboat.env" ]; then
  install -m 0600 "$here/lifeboat.env.example" "$root/etc/lifeboat/lifeboat.env"
  echo "install.sh: edit $root/etc/lifeboat/lifeboat.env (bucket, credentials, etcd certificates)" >&2
fi

if [ -z "$root" ]; then
  systemctl daemon-reload
  systemctl enable var-lib-etcd.mount
  if [ -z "${LIFEBOAT_NO_TIMER:-}" ]; then
    systemctl enable --now lifeboat-backup.timer
  fi
fi
echo "install.sh: installed into ${root:-/}" >&2
