# Sourced by the bench scripts, in the repository's root: the exec jar, and a temp directory with the processes the
# script starts, both cleaned up when it exits.

# The exec jar: the given path, else web/target's, built if missing.
exec_jar() {
  local jar=${1:-$(ls web/target/warden-web-*-exec.jar 2>/dev/null | head -1 || true)}
  if [ -z "$jar" ]; then
    ./mvnw -q -pl web -am package -DskipTests >&2
    jar=$(ls web/target/warden-web-*-exec.jar | head -1)
  fi
  echo "$jar"
}

# WORK: a temp directory; PIDS: the processes to stop. Both go when the script exits, however it exits.
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
