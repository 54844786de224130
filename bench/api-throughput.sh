#!/usr/bin/env bash
# Throughput of the token decision chain over real HTTP, as ratios against a baseline endpoint measured in the
# same run on the same machine. Needs wrk (Debian: apt-get install wrk).
#   bench/api-throughput.sh [seconds-per-endpoint] [connections]
# Starts Warden from the exec jar (BENCH_JAR, or web/target's, building it if missing) on the embedded H2 database
# in a temp directory.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
CONNECTIONS=${2:-16}
PORT=${BENCH_PORT:-18099}
TOKEN=wdn_B0QwSUvyQw5CczZOt4BjrLqJ9mGtc67wCSPToVdRlvi3FlAYL   # a well-formed value used only here
UNKNOWN=wdn_6hjLWrFsWJRbXDSquUamSMo8e9k3FRhKy3r0QuVqk7k2Tvjb2  # well formed, never stored by this run
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
# A few tokens for the owner, so the list endpoint does real work.
for i in 1 2 3 4 5; do
  curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"comment\":\"bench $i\",\"scopes\":[\"tokens:read\"]}" "$BASE/api/2.0/token/create"
done

# A token whose scope does not cover token/list (tokens:read): refused at step 8, the whole chain walked.
SCIM_ONLY=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"comment":"bench scim only","scopes":["scim:read"]}' "$BASE/api/2.0/token/create" \
  | sed -n 's/.*"token_value":"\([^"]*\)".*/\1/p')

# A service principal's token: not an admin, so step 6 reads the token usage list and its groups.
SP=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/scim+json' \
  -d '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal"],"displayName":"bench robot"}' \
  "$BASE/api/2.0/preview/scim/v2/ServicePrincipals" | sed -n 's/.*"applicationId":"\([^"]*\)".*/\1/p')
curl -sf -o /dev/null -X PATCH -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"access_control_list\":[{\"service_principal_name\":\"$SP\",\"permission_level\":\"CAN_USE\"}]}" \
  "$BASE/api/2.0/permissions/authorization/tokens"
ROBOT=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"application_id\":\"$SP\",\"comment\":\"bench robot\",\"scopes\":[\"tokens:read\"]}" \
  "$BASE/api/2.0/token-management/on-behalf-of/tokens" | sed -n 's/.*"token_value":"\([^"]*\)".*/\1/p')

measure() { # name, path, [token]
  local args=(-t2 "-c$CONNECTIONS" "$BASE$2")
  [ -n "${3:-}" ] && args=(-H "Authorization: Bearer $3" "${args[@]}")
  wrk -d5s "${args[@]}" > /dev/null                       # warm-up
  wrk "-d${DURATION}s" --latency "${args[@]}" | awk -v name="$1" '
    /Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
    END {printf "%s %.0f %s %s\n", name, rps, p50, p99}'
}

# Baseline: the HTTP stack and the security filter answering JSON with no database work (chain step 1).
RESULTS=$(
  measure "baseline:malformed-token(step1,no-db)" /api/2.0/token/list "wdn_not-a-token"
  measure "discovery-404(mvc-dispatch,no-auth,no-db)" /.well-known/databricks-config
  measure "rejected:unknown-token(one-indexed-lookup)" /api/2.0/token/list "$UNKNOWN"
  measure "refused:scope-missing(steps1-8,no-handler)" /api/2.0/token/list "$SCIM_ONLY"
  measure "accepted:token-list(full-chain+list-query)" /api/2.0/token/list "$TOKEN"
  measure "accepted:token-list-by-sp(acl-step6+list)" /api/2.0/token/list "$ROBOT"
)
echo "endpoint req/s p50 p99 ratio-to-baseline"
echo "$RESULTS" | awk 'NR==1 {base=$2} {printf "%-46s %8s %8s %8s %6.2f\n", $1, $2, $3, $4, $2/base}'
