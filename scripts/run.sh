#!/usr/bin/env bash
# Runs the bot locally with its real local parts: Azurite (blob storage, data kept in .azurite/), the
# bot on http://127.0.0.1:3978, and Microsoft 365 Agents Playground, a Teams-like chat in the browser.
# Ctrl+C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."

BOT_PORT="${BOT_PORT:-3978}"
BLOB_PORT="${BLOB_PORT:-10000}"
PLAYGROUND_PORT="${PLAYGROUND_PORT:-56150}"

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$BOT_PORT" "$BLOB_PORT" "$PLAYGROUND_PORT"; do
  if port_in_use "$port"; then
    echo "Port $port on 127.0.0.1 is already in use. Stop what is using it, or set BOT_PORT, BLOB_PORT or PLAYGROUND_PORT." >&2
    exit 1
  fi
done

npm ci --no-audit --no-fund --loglevel=error
dotnet build src/IntakeBot --configuration Release

pids=()
# Ctrl+C (or the end of any one of the three) stops all three: politely first, then for certain.
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 50); do
    alive=false
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=true; done
    [ "$alive" = true ] || break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM

mkdir -p .azurite
node node_modules/azurite/dist/src/blob/main.js --blobHost 127.0.0.1 --blobPort "$BLOB_PORT" \
  --location .azurite --skipApiVersionCheck --loose --silent &
pids+=($!)

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export Storage__ConnectionString="${Storage__ConnectionString:-DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$BLOB_PORT/devstoreaccount1;}"
(cd src/IntakeBot/bin/Release/net10.0 && exec dotnet IntakeBot.dll --urls "http://127.0.0.1:$BOT_PORT") &
pids+=($!)

# The Playground connects at once, so it starts only when the bot answers its health check.
healthy=false
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$BOT_PORT/healthz/ready" >/dev/null 2>&1; then healthy=true; break; fi
  sleep 0.5
done
if [ "$healthy" != true ]; then
  echo "The bot did not answer on http://127.0.0.1:$BOT_PORT/healthz/ready within a minute; see its output above." >&2
  exit 1
fi

# No desktop browser is opened (TEAMSAPPTESTER_BROWSER=none) and no telemetry is sent (--dt).
TEAMSAPPTESTER_BROWSER=none node_modules/.bin/agentsplayground \
  -e "http://127.0.0.1:$BOT_PORT/api/messages" -c msteams -p "$PLAYGROUND_PORT" --dt &
pids+=($!)

for _ in $(seq 1 60); do
  if port_in_use "$PLAYGROUND_PORT"; then break; fi
  sleep 0.5
done
echo
echo "IntakeBot is running. Open http://127.0.0.1:$PLAYGROUND_PORT in your browser and type: report"
echo "(bot: http://127.0.0.1:$BOT_PORT/api/messages, blob storage: Azurite on 127.0.0.1:$BLOB_PORT). Ctrl+C stops all three."
wait -n "${pids[@]}"
