#!/usr/bin/env bash
# Installs the command-line tools lifeboat's tests and demo run for real, when missing:
# etcd and etcdctl (Debian packages etcd-server, etcd-client), zstd, promtool (package
# prometheus) for the alert rule tests, systemd-analyze for the unit checks, and kubectl
# (Debian's kubernetes-client) for `kubectl kustomize` in infra's Kubernetes tests.
# Safe to run often: it does nothing when everything is there.
#
#   LIFEBOAT_EXTRA_TOOLS="COMMAND:PACKAGE ..." infra/local/ensure-tools.sh
#
# Each COMMAND:PACKAGE is one more tool a caller needs (the benchmarks: aws:awscli
# /usr/bin/time:time), installed from PACKAGE when COMMAND is neither on PATH nor an
# executable path. An environment variable, not arguments: Maven's exec plugin may pass a
# module's own arguments (a classpath) to this script, which ignores them.
set -euo pipefail

missing=()
extra_commands=()
for pair in ${LIFEBOAT_EXTRA_TOOLS:-}; do
  extra_commands+=("${pair%%:*}")
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
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
for tool in promtool etcd etcdctl zstd kubectl "${extra_commands[@]}"; do
  command -v "$tool" >/dev/null || { echo "lifeboat: $tool still missing after the install" >&2; exit 1; }
done
