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

# A Warden server in the background on its own H2 database under $WORK/NAME, with the bench's admin (password
# "bench", the token in $TOKEN); its output goes to $WORK/NAME/warden.log. Prints the process id.
start_h2_server() { # name port java-arguments...
  local name=$1 port=$2
  shift 2
  mkdir -p "$WORK/$name"
  SERVER_PORT=$port WARDEN_DATA_DIR=$WORK/$name WARDEN_BOOTSTRAP_ADMIN_PASSWORD=bench WARDEN_BOOTSTRAP_ADMIN_TOKEN=$TOKEN \
    WARDEN_DB_URL="jdbc:h2:file:$WORK/$name/warden;MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;LOCK_TIMEOUT=10000" \
    java "$@" > "$WORK/$name/warden.log" 2>&1 &
  echo $!
}

# A few tokens for the bench's admin on the server at the given base URL, so that the list endpoint does real work.
add_admin_tokens() { # base-url admin-token
  for i in 1 2 3 4 5; do
    curl -sf -o /dev/null -H "Authorization: Bearer $2" -H 'Content-Type: application/json' \
      -d "{\"comment\":\"bench $i\",\"scopes\":[\"tokens:read\"]}" "$1/api/2.0/token/create"
  done
}

# WORK: a temp directory; PIDS: the processes to stop. Both go when the script exits, however it exits.
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
