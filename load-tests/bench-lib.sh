# Sourced by the run-*-benchmark.sh scripts, from the repository root, after the build.
# Copies this reactor's jars to a private temp dir and sets $lib and $classpath: a rebuild of
# core/, service/, restore-cli/ or test-harness/ while a benchmark runs would otherwise rewrite
# jars under the running JVM. The dir is removed when the calling script exits.
lib="$(mktemp -d "${TMPDIR:-/tmp}/lifeboat-bench-lib-XXXXXX")"
trap 'rm -rf "$lib"' EXIT
classpath="$lib/load-tests-classes"
cp -r load-tests/target/classes "$classpath"
# build-classpath writes one line without a newline: read returns 1 at EOF but fills entries.
IFS=: read -r -a entries < load-tests/target/benchmark-classpath.txt || [ "${#entries[@]}" -gt 0 ]
for entry in "${entries[@]}"; do
  case "$entry" in
    "$PWD"/*) cp "$entry" "$lib/" && classpath="$classpath:$lib/$(basename "$entry")" ;;
    *) classpath="$classpath:$entry" ;;
  esac
done
cp load-tests/target/s3mock/s3mock-exec.jar "$lib/"
