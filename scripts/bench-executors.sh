#!/usr/bin/env bash
# `bash scripts/bench-executors.sh` from the project's root: the shared bench's load (../shared/bench:
# its stub upstream, load.mjs and table.mjs) on this project's committed HEAD twice, side by side in
# one run: runs executed inline (RUN_EXECUTOR=inline) and on a worker (RUN_EXECUTOR=pgboss: one web
# instance that takes no jobs plus one `node worker.mjs`), both with Redis. Server CPU is the web
# instance's and the worker's together. Reuses the build ../shared/bench/run.sh made of HEAD.
# Env (defaults): CONCURRENCY="50 200" TOKENS=200 INTERVAL_MS=20 PG=postgresql://postgres@127.0.0.1:5432
#   REDIS_URL=redis://127.0.0.1:6379 SHARED=../shared/bench
set -euo pipefail

SHARED=$(cd "${SHARED:-../shared/bench}" && pwd)
SRC=/tmp/bench-project/src
STUB_PORT=4110
INLINE_PORT=4130
PGBOSS_PORT=4140
TOKENS=${TOKENS:-200}
INTERVAL_MS=${INTERVAL_MS:-20}
CONCURRENCY=${CONCURRENCY:-50 200}
PG=${PG:-postgresql://postgres@127.0.0.1:5432}
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
OUT=/tmp/bench-executors-$(date +%Y%m%d-%H%M%S).jsonl
LOGS=${OUT%.jsonl}.logs
KEY=bench-service-key-0123456789abcdef
STAMP=$(date +%s)
export NEXT_TELEMETRY_DISABLED=1

head=$(git rev-parse HEAD)
if [ "$(cat /tmp/bench-project/commit 2>/dev/null)" != "$head" ]; then
  echo "build HEAD first: bash ../shared/bench/run.sh (it builds $SRC for this commit)" >&2
  exit 1
fi
mkdir -p "$LOGS"
started=()
cleanup() {
  for pid in "${started[@]}"; do pkill -P "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; done
  sleep 1
  for db in "bench_inline_$STAMP" "bench_pgboss_$STAMP"; do psql "$PG/postgres" -qc "drop database if exists $db" >/dev/null 2>&1 || true; done
}
trap cleanup EXIT

wait_url() { # url name
  for _ in $(seq 1 300); do
    code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$1" 2>/dev/null || true)
    [ "${code:-000}" != 000 ] && [ "$code" -lt 500 ] && return 0
    sleep 0.3
  done
  echo "$2 not answering $1" >&2; tail -20 "$LOGS/$2.log" >&2; exit 1
}

node "$SHARED/stub-openai.mjs" --port "$STUB_PORT" --tokens "$TOKENS" --interval-ms "$INTERVAL_MS" > "$LOGS/stub.log" 2>&1 &
STUB_PID=$!; started+=("$STUB_PID")

# The bench agent of ../shared/bench/run.sh (one phase, no tools, the stub's model).
app_env=(NODE_ENV=production HOSTNAME=127.0.0.1 AUTH_SECRET=bench-secret-that-is-at-least-32-characters-long
  API_KEYS="$KEY" OPENAI_API_KEY=stub OPENAI_BASE_URL="http://127.0.0.1:$STUB_PORT/v1"
  AGENTS_DIR=/tmp/bench-project/agents MCP_CONFIG=/tmp/bench-project/mcp.json
  RATE_LIMIT_CHAT_PER_MIN=1000000 LOG_LEVEL=warn REDIS_URL="$REDIS_URL")
serve() { # name port database [env...]: the target's processes under one shell, whose children load.mjs counts
  local name=$1 port=$2 db=$3; shift 3
  createdb -h 127.0.0.1 -U postgres "$db"
  (cd "$SRC" && exec env "${app_env[@]}" PORT="$port" DATABASE_URL="$PG/$db" "$@" bash -c "$SERVE") > "$LOGS/$name.log" 2>&1 &
  started+=("$!")
  wait_url "http://127.0.0.1:$port/api/health" "$name"
}
SERVE='node_modules/.bin/node .next/standalone/start.mjs' serve inline "$INLINE_PORT" "bench_inline_$STAMP" RUN_EXECUTOR=inline
INLINE_PID=${started[-1]}
# The worker waits for the web instance to have migrated (both take the migrations' lock anyway).
SERVE='node_modules/.bin/node .next/standalone/start.mjs & sleep 3; cd .next/standalone && exec ../../node_modules/.bin/node worker.mjs' \
  serve pgboss "$PGBOSS_PORT" "bench_pgboss_$STAMP" RUN_EXECUTOR=pgboss RUN_WORKERS=false WORKER_CONCURRENCY=500
PGBOSS_PID=${started[-1]}
until grep -q "agent-studio worker: ready" "$LOGS/pgboss.log"; do sleep 0.5; done

PROJ_BODY='{"query":"Say something."}'
DIRECT_BODY='{"model":"stub","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Say something."}]}'
load() { # label mode url body pid c n [headers...]
  local label=$1 mode=$2 url=$3 body=$4 pid=$5 c=$6 n=$7; shift 7
  timeout 900 node "$SHARED/load.mjs" --label "$label" --mode "$mode" --url "$url" --body "$body" --pid "$pid" \
    --concurrency "$c" --requests "$n" --ramp-ms 0 "$@"
}
run_target() { # target c n
  case $1 in
    direct) load direct openai "http://127.0.0.1:$STUB_PORT/v1/chat/completions" "$DIRECT_BODY" "$STUB_PID" "$2" "$3" ;;
    inline) load inline sse "http://127.0.0.1:$INLINE_PORT/api/agents/bench/stream" "$PROJ_BODY" "$INLINE_PID" "$2" "$3" --header "x-api-key:$KEY" ;;
    pgboss) load pgboss sse "http://127.0.0.1:$PGBOSS_PORT/api/agents/bench/stream" "$PROJ_BODY" "$PGBOSS_PID" "$2" "$3" --header "x-api-key:$KEY" ;;
  esac
}

echo "# executors bench $(date -u +%FT%TZ): $(nproc) cores; project $(git rev-parse --short HEAD); stub $TOKENS tokens at $INTERVAL_MS ms"
for t in direct inline pgboss; do run_target "$t" 20 40 > /dev/null; done # warm-up, not recorded
: > "$OUT"
for c in $CONCURRENCY; do
  for t in direct inline pgboss; do run_target "$t" "$c" $((3 * c)) >> "$OUT"; sleep 1; done
done
for db in "bench_inline_$STAMP" "bench_pgboss_$STAMP"; do
  echo "# $db: $(psql "$PG/$db" -Atc 'select count(*) from "Run"') runs, $(psql "$PG/$db" -Atc 'select count(*) from "RunEvent"') events," \
    "$(psql "$PG/$db" -Atc "select count(*) from \"Run\" where status <> 'SUCCEEDED'") not succeeded"
done
echo
node "$SHARED/table.mjs" "$OUT"
