#!/usr/bin/env bash
# Throughput of OAuth client-credentials issuance (POST /oidc/v1/token, HTTP Basic, grant_type=client_credentials)
# over real HTTP, as a ratio to the malformed-token baseline measured in the same run on the same machine, with the
# server's CPU time per request (utime + stime of the Java process from /proc/PID/stat, over the measured run).
# Needs wrk (Debian: apt-get install wrk). Follows bench/api-throughput.sh, which its rows are meant to join.
#   bench/oauth-issuance.sh [seconds-per-row] [connections]
# Starts Warden from the exec jar (BENCH_JAR, or web/target's, building it if missing) on the embedded H2 database
# in a temp directory. Every issuance writes a token (and its audit record), as a real one does.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
CONNECTIONS=${2:-16}
PORT=${BENCH_PORT:-18098}
TOKEN=wdn_B0QwSUvyQw5CczZOt4BjrLqJ9mGtc67wCSPToVdRlvi3FlAYL   # a well-formed value used only here
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }
JAR=${BENCH_JAR:-$(ls web/target/warden-web-*-exec.jar 2>/dev/null | head -1 || true)}
if [ -z "$JAR" ]; then ./mvnw -q -pl web -am package -DskipTests; JAR=$(ls web/target/warden-web-*-exec.jar | head -1); fi

DATA=$(mktemp -d)
WARDEN_DATA_DIR=$DATA SERVER_PORT=$PORT WARDEN_BOOTSTRAP_ADMIN_PASSWORD=bench WARDEN_BOOTSTRAP_ADMIN_TOKEN=$TOKEN \
  java -Xmx512m -jar "$JAR" > "$DATA/warden.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DATA"' EXIT
until curl -sf -o /dev/null "http://127.0.0.1:$PORT/login"; do sleep 0.5; done
BASE="http://127.0.0.1:$PORT"

# A service principal (the user role) that may use tokens, with secrets: one for the single-secret row, four for the
# row that spreads requests over several secrets (each issuance locks its secret's row).
SP_JSON=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/scim+json' \
  -d '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal"],"displayName":"bench m2m"}' \
  "$BASE/api/2.0/preview/scim/v2/ServicePrincipals")
SP_ID=$(echo "$SP_JSON" | sed -n 's/.*"id":"\([0-9]*\)".*/\1/p')
CLIENT_ID=$(echo "$SP_JSON" | sed -n 's/.*"applicationId":"\([^"]*\)".*/\1/p')
curl -sf -o /dev/null -X PATCH -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"access_control_list\":[{\"service_principal_name\":\"$CLIENT_ID\",\"permission_level\":\"CAN_USE\"}]}" \
  "$BASE/api/2.0/permissions/authorization/tokens"
SECRETS=()
for i in 1 2 3 4; do
  SECRETS+=("$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{}' \
    "$BASE/api/2.0/accounts/servicePrincipals/$SP_ID/credentials/secrets" \
    | sed -n 's/.*"secret":"\([^"]*\)".*/\1/p')")
done
basic() { printf 'Basic %s' "$(printf '%s:%s' "$CLIENT_ID" "$1" | base64 -w0)"; }
# One request by hand first: the row measures issuance, not refusals.
curl -sf -o /dev/null -H "Authorization: $(basic "${SECRETS[0]}")" -d 'grant_type=client_credentials&scope=all-apis' \
  "$BASE/oidc/v1/token" || { echo "the token endpoint refused the bench client"; exit 1; }

# wrk scripts: the form POST, with one secret or round-robin over four.
cat > "$DATA/one-secret.lua" <<LUA
wrk.method = "POST"
wrk.body = "grant_type=client_credentials&scope=all-apis"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "$(basic "${SECRETS[0]}")"
LUA
cat > "$DATA/four-secrets.lua" <<LUA
local auth = { "$(basic "${SECRETS[0]}")", "$(basic "${SECRETS[1]}")", "$(basic "${SECRETS[2]}")", "$(basic "${SECRETS[3]}")" }
local n = 0
request = function()
  n = n + 1
  return wrk.format("POST", "/oidc/v1/token", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Authorization"] = auth[(n % 4) + 1] }, "grant_type=client_credentials&scope=all-apis")
end
LUA

TICKS=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }   # utime + stime of the Java process

measure() { # name, path, [token], [lua script]
  local args=(-t2 "-c$CONNECTIONS")
  [ -n "${3:-}" ] && args+=(-H "Authorization: Bearer $3")
  [ -n "${4:-}" ] && args+=(-s "$4")
  args+=("$BASE$2")
  wrk -d5s "${args[@]}" > /dev/null                       # warm-up
  local before after out
  before=$(cpu_ticks)
  out=$(wrk "-d${DURATION}s" --latency "${args[@]}")
  after=$(cpu_ticks)
  echo "$out" | awk -v name="$1" -v ticks=$((after - before)) -v hz="$TICKS" '
    /requests in/ {total=$1} /Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
    /Non-2xx or 3xx/ {bad=$NF}
    END {printf "%s %.0f %s %s %.3f %d\n", name, rps, p50, p99, ticks * 1000 / hz / total, bad}'
}

RESULTS=$(
  measure "baseline:malformed-token(step1,no-db)" /api/2.0/token/list "wdn_not-a-token"
  measure "oauth:client-credentials(one-secret)" /oidc/v1/token "" "$DATA/one-secret.lua"
  measure "oauth:client-credentials(four-secrets)" /oidc/v1/token "" "$DATA/four-secrets.lua"
)
echo "connections=$CONNECTIONS seconds=$DURATION cores=$(nproc) jar=$JAR"
echo "endpoint req/s p50 p99 cpu-ms/req non-2xx ratio-to-baseline"
echo "$RESULTS" | awk 'NR==1 {base=$2} {printf "%-42s %8s %8s %8s %9s %7s %6.3f\n", $1, $2, $3, $4, $5, $6, $2/base}'
