#!/usr/bin/env bash
# Resident memory and pauses under a long load (issue 17: <= 400 MB RSS after load at -Xmx512m), for two sets of JVM
# options at once: two servers started as bin/warden starts Warden (the extracted jar and its CDS archive), each on
# its own H2 database with the admin's five tokens, each under wrk on GET /api/2.0/token/list for the same minutes.
# Every 30 s it prints both servers' VmRSS; at the end, per server: req/s and latency (wrk), VmHWM, and the
# collector's pauses once the first 30 s are past (the start's own collections left out): how many, p50, p99, the
# longest, and any full collection.
#
#   bench/soak.sh [seconds] [connections-per-server]      (defaults 360 and 16; wrk has one thread per server)
#
#   SOAK_OPTS_A   JVM options of server A (default -Xms32m -Xmx512m: bin/warden's)
#   SOAK_OPTS_B   JVM options of server B (default -Xms128m -Xmx512m -Xmn64m -XX:+UseSerialGC: the small-node
#                 setting the README describes)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-360}
CONNECTIONS=${2:-16}
OPTS_A=${SOAK_OPTS_A:--Xms32m -Xmx512m}
OPTS_B=${SOAK_OPTS_B:--Xms128m -Xmx512m -Xmn64m -XX:+UseSerialGC}
TOKEN=wdn_B0QwSUvyQw5CczZOt4BjrLqJ9mGtc67wCSPToVdRlvi3FlAYL   # a well-formed value used only here
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }
. bench/common.sh
CDS_DIR=$(bin/warden --prepare-only)   # builds the jar if missing, extracts it and makes the CDS archive
APP=$(ls "$CDS_DIR"/app/*.jar | head -1)

start() { # name port options -> pid; as bin/warden starts Warden, with the collector's log
  # shellcheck disable=SC2086 # the options are a list
  start_h2_server "$1" "$2" $3 -Xlog:gc:file="$WORK/$1/gc.log" -XX:SharedArchiveFile="$CDS_DIR/warden.jsa" -jar "$APP"
}
A=$(start a 18141 "$OPTS_A"); PIDS+=("$A")
B=$(start b 18142 "$OPTS_B"); PIDS+=("$B")
for port in 18141 18142; do
  until curl -sf -o /dev/null "http://127.0.0.1:$port/login"; do sleep 0.5; done
  add_admin_tokens "http://127.0.0.1:$port" "$TOKEN"
done
rss() { awk -v field="$2" '$1 == field ":" {printf "%d", $2 / 1024}' "/proc/$1/status"; }

echo "A: $OPTS_A"
echo "B: $OPTS_B"
echo "${DURATION}s of wrk -t1 -c$CONNECTIONS on each server at once"
LOADS=()
for server in "a 18141" "b 18142"; do
  read -r name port <<< "$server"
  wrk -t1 "-c$CONNECTIONS" "-d${DURATION}s" --latency -H "Authorization: Bearer $TOKEN" \
    "http://127.0.0.1:$port/api/2.0/token/list" > "$WORK/$name/wrk.txt" &
  LOADS+=("$!"); PIDS+=("$!")
done
for elapsed in $(seq 30 30 "$DURATION"); do
  sleep 30
  echo "$elapsed s   A $(rss "$A" VmRSS) MB   B $(rss "$B" VmRSS) MB"
done
wait "${LOADS[@]}"

# The collector's pauses once the start is past, from -Xlog:gc lines such as
# "[12.345s][info][gc] GC(7) Pause Young (Allocation Failure) 70M->42M(100M) 2.742ms".
pauses_after_start() { awk '{t = substr($1, 2) + 0} t > 30 && /Pause/' "$WORK/$1/gc.log"; }
for server in "A $A a" "B $B b"; do
  read -r name pid dir <<< "$server"
  awk '/Requests\/sec/ {r = $2} / 50%/ {p50 = $2} / 99%/ {p99 = $2} END {printf "%s: %.0f req/s, p50 %s, p99 %s", name, r, p50, p99}' \
    name="$name" "$WORK/$dir/wrk.txt"
  echo ", VmHWM $(rss "$pid" VmHWM) MB"
  pauses_after_start "$dir" | awk '{ms = $NF; sub(/ms$/, "", ms); print ms}' | sort -n |
    awk '{p[NR] = $1} END {printf "   pauses after 30 s: %d, p50 %.1f ms, p99 %.1f ms, longest %.1f ms", NR, p[int(NR * 0.5) + 1], p[int(NR * 0.99) + 1], p[NR]}'
  echo ", full collections $(pauses_after_start "$dir" | grep -c 'Pause Full' || true)"
done
