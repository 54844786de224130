#!/usr/bin/env bash
# Two Warden servers side by side, to compare two builds or two sets of JVM options on one machine in one run: both
# resident (H2, each in a temp directory, the admin with five tokens as in api-throughput.sh), both warmed up, then
# ROUNDS rounds that run the malformed-token row and the admin's GET /api/2.0/token/list back to back on A, then on B.
# Per round and server: req/s and Warden's CPU per request (from /proc/PID/stat) of both rows, the ratio of their
# req/s (issue 13's target: >= 0.5) and of their CPU; at the end each server's resident memory (VmRSS, VmHWM).
# A slow minute of a shared machine falls on both rows of a pair, so the ratios move less than in a whole bench run.
#
#   bench/side-by-side.sh [seconds-per-row] [connections]
#
#   SIDE_JAR_A, SIDE_JAR_B     the exec jars (default: web/target's for both)
#   SIDE_OPTS_A, SIDE_OPTS_B   JVM options (default for both: -Xms32m -Xmx512m, as bin/warden starts Warden), e.g.
#                              SIDE_OPTS_B="-Xms32m -Xmx512m -XX:+UseParallelGC" bench/side-by-side.sh
#   SIDE_WARMUP=90             seconds of traffic on each row of each server before the rounds
#   SIDE_ROUNDS=4
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
CONNECTIONS=${2:-32}
WARMUP=${SIDE_WARMUP:-90}
ROUNDS=${SIDE_ROUNDS:-4}
TOKEN=wdn_B0QwSUvyQw5CczZOt4BjrLqJ9mGtc67wCSPToVdRlvi3FlAYL   # a well-formed value used only here
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }
. bench/common.sh
JAR_A=$(exec_jar "${SIDE_JAR_A:-}")
JAR_B=${SIDE_JAR_B:-$JAR_A}

# shellcheck disable=SC2086 # the options are a list
A=$(start_h2_server a 18111 ${SIDE_OPTS_A:--Xms32m -Xmx512m} -jar "$JAR_A"); PIDS+=("$A")
# shellcheck disable=SC2086
B=$(start_h2_server b 18112 ${SIDE_OPTS_B:--Xms32m -Xmx512m} -jar "$JAR_B"); PIDS+=("$B")
for port in 18111 18112; do
  until curl -sf -o /dev/null "http://127.0.0.1:$port/login"; do sleep 0.5; done
  add_admin_tokens "http://127.0.0.1:$port" "$TOKEN"
done

list() { # port token seconds -> wrk's output
  wrk -t2 "-c$CONNECTIONS" "-d$3s" -H "Authorization: Bearer $2" "http://127.0.0.1:$1/api/2.0/token/list"
}
timed() { # pid port token -> "req/s cpu-us-per-request"
  local before after out
  before=$(awk '{print $14 + $15}' "/proc/$1/stat")
  out=$(list "$2" "$3" "$DURATION")
  after=$(awk '{print $14 + $15}' "/proc/$1/stat")
  echo "$out" | awk -v ticks=$((after - before)) -v tck="$(getconf CLK_TCK)" \
    '/Requests\/sec/ {r = $2} /requests in/ {n = $1} END {printf "%.0f %.1f", r, ticks * 1e6 / tck / n}'
}
echo "warming up: ${WARMUP}s on each row of each server"
for port in 18111 18112; do list "$port" wdn_not-a-token "$WARMUP" > /dev/null; list "$port" "$TOKEN" "$WARMUP" > /dev/null; done

echo "A: $JAR_A ${SIDE_OPTS_A:--Xms32m -Xmx512m}"
echo "B: $JAR_B ${SIDE_OPTS_B:--Xms32m -Xmx512m}"
echo "round server  malformed: req/s  cpu-us/req   admin token/list: req/s  cpu-us/req   x-req/s  x-cpu"
for round in $(seq "$ROUNDS"); do
  for server in "A $A 18111" "B $B 18112"; do
    read -r name pid port <<< "$server"
    echo "$round $name $(timed "$pid" "$port" wdn_not-a-token) $(timed "$pid" "$port" "$TOKEN")" | awk '
      {printf "%5s %6s  %16d %11.1f   %23d %11.1f   %7.3f %6.2f\n", $1, $2, $3, $4, $5, $6, $5 / $3, $6 / $4}'
  done
done
for server in "A $A" "B $B"; do
  read -r name pid <<< "$server"
  echo "$name: $(awk '/VmRSS|VmHWM/ {printf "%s %d MB  ", $1, $2 / 1024}' "/proc/$pid/status")"
done
