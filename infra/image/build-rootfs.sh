#!/usr/bin/env bash
# Builds the file trees Jib turns into lifeboat's image (base image: scratch, so everything the
# processes need is here). The Maven build (infra, package phase) calls it before Jib's buildTar:
#
#   build-rootfs.sh SERVICE_JAR CLI_JAR OUT_DIR
#
# OUT_DIR gets one tree per image layer, in the order Jib stacks them (least often changed first):
#   base/   /etc (passwd, group: user lifeboat 65532; nsswitch.conf; CA certificates), /tmp,
#           the shared libraries (ldd closure) of java, the JDK's native libraries, etcdctl/etcdutl/etcd
#           and the native libraries zstd-jni and gRPC's Netty unpack to /tmp at run time
#   java/   /opt/java: a jlink'd runtime with the modules jdeps finds in both jars
#   etcd/   /usr/local/bin/etcdctl (and etcdutl, etcd when present), for `lifeboat restore`
#   app/    /opt/lifeboat/lifeboat-service.jar and /opt/lifeboat/lifeboat.jar
#
# Where the etcd tools come from: ETCD_BIN_DIR (default: the directory of `etcdctl` on PATH).
# Use the release the cluster runs (etcdutl exists from 3.5): see infra/image/README.md.
#
# Re-runs are cheap: when the jars, the etcd tools, this script and the JDK are unchanged the
# trees are kept (jdeps on the 57 MB service jar alone takes ~30 s on 2 cores).
set -euo pipefail

if [ $# -ne 3 ]; then
  echo "usage: $0 SERVICE_JAR CLI_JAR OUT_DIR" >&2
  exit 64
fi
for jar in "$1" "$2"; do
  [ -f "$jar" ] || { echo "lifeboat image: $jar missing (build service and restore-cli first)" >&2; exit 1; }
done
service_jar=$(readlink -f "$1")
cli_jar=$(readlink -f "$2")
mkdir -p "$3"
out=$(readlink -f "$3")

java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
for tool in jlink jdeps; do
  [ -x "$java_home/bin/$tool" ] || { echo "lifeboat image: $java_home/bin/$tool missing (needs a full JDK 17)" >&2; exit 1; }
done
[ -d "$java_home/jmods" ] || { echo "lifeboat image: $java_home/jmods missing (jlink needs the JDK's jmods)" >&2; exit 1; }

etcd_bin_dir=${ETCD_BIN_DIR:-}
if [ -z "$etcd_bin_dir" ]; then
  etcdctl_path=$(command -v etcdctl) || { echo "lifeboat image: no etcdctl on PATH (set ETCD_BIN_DIR)" >&2; exit 1; }
  etcd_bin_dir=$(dirname "$(readlink -f "$etcdctl_path")")
fi
etcd_tools=()
for tool in etcdctl etcdutl etcd; do
  [ -x "$etcd_bin_dir/$tool" ] && etcd_tools+=("$etcd_bin_dir/$tool")
done
[ -x "$etcd_bin_dir/etcdctl" ] || { echo "lifeboat image: $etcd_bin_dir/etcdctl missing" >&2; exit 1; }

stamp=$( { sha256sum "$service_jar" "$cli_jar" "${etcd_tools[@]}" "$0" "$java_home/release" \
  /etc/ssl/certs/ca-certificates.crt; } | sha256sum | cut -d' ' -f1)
if [ -f "$out/.stamp" ] && [ "$(cat "$out/.stamp")" = "$stamp" ]; then
  echo "lifeboat image: $out is up to date"
  exit 0
fi
rm -rf "$out"
mkdir -p "$out"/{base,java,etcd,app}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# --- Java runtime -----------------------------------------------------------------------------
# jdeps on both jars, in parallel (2 cores). On top of what it finds:
#   jdk.crypto.ec   ECDHE/ECDSA for TLS (S3 endpoints, etcd client certificates): found by
#                   service lookup, which jdeps cannot see
#   jdk.unsupported sun.misc.Unsafe for Netty and protobuf (jdeps finds it today; kept explicit)
#   java.naming     JNDI DNS lookups in the AWS SDK and logback (likewise)
#   jdk.zipfs       the jar: file system (a provider, invisible to jdeps): Micronaut's IOUtils opens
#                   the jar with FileSystems.newFileSystem to read its META-INF/micronaut services;
#                   without it the service dies at start-up with ProviderNotFoundException
echo "lifeboat image: jdeps on $(basename "$service_jar") and $(basename "$cli_jar")"
"$java_home/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 "$service_jar" >"$work/service.deps" &
service_pid=$!
"$java_home/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 "$cli_jar" >"$work/cli.deps"
wait "$service_pid"
modules=$(cat "$work/service.deps" "$work/cli.deps" | tr ',' '\n' \
  | cat - <(printf '%s\n' jdk.crypto.ec jdk.unsupported java.naming jdk.zipfs) | sed '/^$/d' | sort -u | paste -sd, -)
echo "lifeboat image: jlink $modules"
# --generate-cds-archive: the class-data-sharing archive the JDK ships, rebuilt for these modules
# (start-up ~0.3 s faster, ~13 MB). No --compress: Jib gzips the layer anyway.
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --generate-cds-archive --output "$out/java/opt/java"
echo "$modules" >"$out/java/opt/java/lifeboat-modules"
# java.desktop is in only for java.beans (snakeyaml, Jackson). Its AWT, font, image and sound
# libraries would pull X11, freetype, libjpeg, lcms and ALSA into the image; the service and the
# CLI are headless and never load them.
for lib in libawt_xawt.so libjawt.so libsplashscreen.so libjsound.so libfontmanager.so libjavajpeg.so liblcms.so; do
  rm -f "$out/java/opt/java/lib/$lib"
done
# Debian's ca-certificates keystore when there is one, so Java trusts what the PEM bundle trusts.
if [ -f /etc/ssl/certs/java/cacerts ]; then
  cp /etc/ssl/certs/java/cacerts "$out/java/opt/java/lib/security/cacerts"
fi

# --- etcd tools -------------------------------------------------------------------------------
mkdir -p "$out/etcd/usr/local/bin"
for tool in "${etcd_tools[@]}"; do
  cp -L "$tool" "$out/etcd/usr/local/bin/"
done

# --- application ------------------------------------------------------------------------------
mkdir -p "$out/app/opt/lifeboat"
cp "$service_jar" "$out/app/opt/lifeboat/lifeboat-service.jar"
cp "$cli_jar" "$out/app/opt/lifeboat/lifeboat.jar"

# --- base: shared libraries -------------------------------------------------------------------
# Native libraries the jars unpack at run time (zstd-jni; gRPC's shaded Netty epoll/tcnative):
# their dependencies must be in the image too.
mkdir -p "$work/native"
(cd "$work/native" && unzip -q -o "$service_jar" 'linux/amd64/*.so' 'META-INF/native/*x86_64*.so')
roots=()
while IFS= read -r -d '' f; do roots+=("$f"); done < <(find "$out/java/opt/java" "$out/etcd" "$work/native" -type f \
  \( -name '*.so' -o -path '*/bin/*' -o -name jspawnhelper -o -name jexec \) -print0)
declare -A libs=()
jdk_libs="$out/java/opt/java/lib:$out/java/opt/java/lib/server"
for f in "${roots[@]}"; do
  file -b "$f" | grep -q '^ELF' || continue
  if ! ldd_out=$(LD_LIBRARY_PATH="$jdk_libs" ldd "$f" 2>&1); then
    # A static binary (an official etcd release build) needs nothing.
    echo "$ldd_out" | grep -q 'not a dynamic executable' && continue
    echo "lifeboat image: ldd $f failed: $ldd_out" >&2
    exit 1
  fi
  if echo "$ldd_out" | grep -q 'not found'; then
    echo "lifeboat image: $f needs a library this host lacks:" >&2
    echo "$ldd_out" | grep 'not found' >&2
    exit 1
  fi
  while read -r path; do
    # The JDK's own libraries are already under /opt/java.
    case $path in "$out"/*|"$work"/*) continue ;; esac
    libs[$path]=1
  done < <(echo "$ldd_out" | awk '/=> \//{print $3} /^[ \t]*\/[^ ]+ \(/{print $1}')
done
for lib in "${!libs[@]}"; do
  mkdir -p "$out/base$(dirname "$lib")"
  cp -L "$lib" "$out/base$lib"
done
echo "lifeboat image: libraries: $(printf '%s\n' "${!libs[@]}" | sort | paste -sd' ' -)"

# --- base: /etc and /tmp ----------------------------------------------------------------------
mkdir -p "$out/base/etc/ssl/certs" "$out/base/tmp"
cat >"$out/base/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/sbin/nologin
lifeboat:x:65532:65532:lifeboat:/nonexistent:/sbin/nologin
EOF
cat >"$out/base/etc/group" <<'EOF'
root:x:0:
lifeboat:x:65532:
EOF
# glibc resolves names from /etc/hosts, then DNS (Kubernetes mounts both files' counterparts).
cat >"$out/base/etc/nsswitch.conf" <<'EOF'
passwd: files
group: files
hosts: files dns
EOF
cp -L /etc/ssl/certs/ca-certificates.crt "$out/base/etc/ssl/certs/ca-certificates.crt"
# Jib adds empty directories only when they hold something.
: >"$out/base/tmp/.keep"

echo "$stamp" >"$out/.stamp"
du -sh "$out"/{base,java,etcd,app}
