#!/usr/bin/env bash
# Start to ready and resident memory of the exec jar (issue 17: <= 6 s, <= 400 MB RSS after load at -Xmx512m).
#
#   bench/start-time.sh [starts] [load-seconds]
#
# For each of N rounds (default 5) it starts Warden once plainly (java -jar the exec jar) and once with the CDS
# archive bin/warden makes (the extracted jar and -XX:SharedArchiveFile), alternating, and times launch to ready: the
# first 200 from /actuator/health/readiness, polled every 50 ms. Restarts: each variant on its own embedded H2
# database in a temp directory, made by one unmeasured first start (BENCH_FRESH=1: every start on an empty
# database, so migrations and the first-start bootstrap are timed too). It reports every start with the machine's
# load average and the medians, wall time and the CPU time the JVM spent until ready (which depends far less on
# what else the machine runs); then, unless load-seconds is 0, the resident memory (VmRSS, VmHWM from /proc) of a
# CDS start after a bounded load: wrk, 2 threads, 16 connections, for the given seconds (default 30) on
# GET /api/2.0/token/list with an admin token.
#   BENCH_JAVA_OPTS     JVM options for every start (default -Xms32m -Xmx512m, as bin/warden)
#   BENCH_MEMORY_OPTS   more JVM options for the memory run only
#   BENCH_NICE          a niceness for the measured JVMs, e.g. -10 (as root): on a machine busy with other work, a
#                       start at a higher priority comes closer to a start on a quiet machine
#   BENCH_PORT          port (default 18097)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
LOAD_SECONDS=${2:-30}
PORT=${BENCH_PORT:-18097}
OPTS=${BENCH_JAVA_OPTS:--Xms32m -Xmx512m}
TOKEN=wdn_B0QwSUvyQw5CczZOt4BjrLqJ9mGtc67wCSPToVdRlvi3FlAYL   # a well-formed value used only here
bin/warden --prepare-only > /dev/null   # builds the jar if missing, extracts it and makes the CDS archive
CDS_DIR=${WARDEN_CDS_DIR:-web/target/cds}
JAR=$(ls web/target/warden-web-*-exec.jar | head -1)
APP=$(ls "$CDS_DIR"/app/*.jar | head -1)
WORK=$(mktemp -d)
PID=
cleanup() { if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi; rm -rf "$WORK"; }
trap cleanup EXIT

start() { # data dir, java args... -> MS: milliseconds from launch to ready; leaves PID running
  if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then echo "port $PORT is taken (BENCH_PORT)" >&2; exit 1; fi
  local data=$1 t0 t1
  shift
  if [ -n "${BENCH_FRESH:-}" ]; then rm -rf "$data"; fi
  mkdir -p "$data"
  t0=$(date +%s%N)
  SERVER_PORT=$PORT WARDEN_DATA_DIR=$data WARDEN_BOOTSTRAP_ADMIN_PASSWORD=bench WARDEN_BOOTSTRAP_ADMIN_TOKEN=$TOKEN \
    ${BENCH_NICE:+nice -n "$BENCH_NICE"} java $OPTS "$@" > "$data.log" 2>&1 &
  PID=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$PORT/actuator/health/readiness"; do
    kill -0 "$PID" 2>/dev/null || { echo "Warden died at start:" >&2; tail -20 "$data.log" >&2; exit 1; }
    sleep 0.05
  done
  t1=$(date +%s%N)
  MS=$(( (t1 - t0) / 1000000 ))
  # CPU the JVM spent until ready (utime + stime, all threads): what the start costs whatever the machine's load
  CPU_MS=$(awk -v tck="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / tck)}' "/proc/$PID/stat")
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=; }
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

PLAIN=""; CDS=""; PLAIN_CPU=""; CDS_CPU=""
if [ -z "${BENCH_FRESH:-}" ]; then   # restarts: one unmeasured first start makes each variant's database
  start "$WORK/plain" -jar "$JAR"; stop
  start "$WORK/cds" -XX:SharedArchiveFile="$CDS_DIR/warden.jsa" -jar "$APP"; stop
fi
for i in $(seq "$ROUNDS"); do
  load=$(cut -d' ' -f1 /proc/loadavg)
  start "$WORK/plain" -jar "$JAR"; p=$MS; pc=$CPU_MS; stop
  start "$WORK/cds" -XX:SharedArchiveFile="$CDS_DIR/warden.jsa" -jar "$APP"; c=$MS; cc=$CPU_MS; stop
  echo "round $i (load $load): plain ${p} ms (CPU ${pc} ms), CDS ${c} ms (CPU ${cc} ms)"
  PLAIN+=" $p"; CDS+=" $c"; PLAIN_CPU+=" $pc"; CDS_CPU+=" $cc"
done
echo "start to ready (${BENCH_FRESH:+first start, empty database}${BENCH_FRESH:-restart}), median of $ROUNDS ($(nproc) cores, $OPTS): plain $(echo $PLAIN | median) ms" \
  "(CPU $(echo $PLAIN_CPU | median) ms), CDS $(echo $CDS | median) ms (CPU $(echo $CDS_CPU | median) ms)"

[ "$LOAD_SECONDS" -gt 0 ] || exit 0
command -v wrk > /dev/null || { echo "wrk is not installed: no memory figure"; exit 0; }
# shellcheck disable=SC2086
start "$WORK/memory" -XX:SharedArchiveFile="$CDS_DIR/warden.jsa" ${BENCH_MEMORY_OPTS:-} -jar "$APP"
wrk -t2 -c16 "-d${LOAD_SECONDS}s" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/2.0/token/list" \
  | awk '/Requests\/sec/ {printf "load: %s req/s for '"$LOAD_SECONDS"' s; ", $2}'
awk '/VmRSS|VmHWM/ {printf "%s %d MB  ", $1, $2 / 1024} END {print ""}' "/proc/$PID/status"
stop
