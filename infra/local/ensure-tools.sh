#!/usr/bin/env bash
# Installs the command-line tools lifeboat's tests and demo run for real, when missing:
# etcd and etcdctl (Debian packages etcd-server, etcd-client), zstd, promtool (package
# prometheus) for the alert rule tests, systemd-analyze for the unit checks, and kubectl
# (Debian's kubernetes-client) for `kubectl kustomize` in infra's Kubernetes tests.
# Safe to run often: it does nothing when everything is there.
set -euo pipefail

missing=()
command -v etcd >/dev/null 2>&1 || missing+=(etcd-server)
command -v etcdctl >/dev/null 2>&1 || missing+=(etcd-client)
command -v zstd >/dev/null 2>&1 || missing+=(zstd)
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
command -v systemd-analyze >/dev/null 2>&1 || missing+=(systemd) # UnitsVerifyIT
command -v kubectl >/dev/null 2>&1 || missing+=(kubernetes-client)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "lifeboat: installing ${missing[*]} (needed by the tests and the demo)" >&2
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "lifeboat: ${missing[*]} missing and not root: install them with apt-get (Debian/Ubuntu)" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "lifeboat: no apt-get here: install etcd (server and etcdctl, 3.4+), zstd and kubectl by hand" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq >&2
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
# The Debian package may start a system etcd on 127.0.0.1:2379; lifeboat's tests use their
# own ports, so it is left alone. Only promtool is wanted from prometheus: stop the server it starts.
if [[ " ${missing[*]} " == *" prometheus "* ]]; then
  "${as_root[@]}" systemctl disable --now prometheus >/dev/null 2>&1 || true
  [ -x /etc/init.d/prometheus ] && "${as_root[@]}" /etc/init.d/prometheus stop >/dev/null 2>&1 || true
fi
command -v promtool >/dev/null && command -v etcd >/dev/null && command -v etcdctl >/dev/null && command -v zstd >/dev/null \
  && command -v kubectl >/dev/null
