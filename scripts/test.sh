#!/usr/bin/env bash
# Runs the whole test suite from a fresh clone: installs the pinned tools (npm ci: Azurite, the Agents
# Playground, the manifest schemas, playwright-core), Debian's chromium for the browser test when it is
# missing, and runs every test. The tests start their own servers on free loopback ports.
set -euo pipefail
cd "$(dirname "$0")/.."

npm ci --no-audit --no-fund --loglevel=error

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo_if_needed=""
    [ "$(id -u)" -eq 0 ] || sudo_if_needed="sudo"
    echo "Installing Debian's chromium for the browser test..."
    $sudo_if_needed apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_if_needed apt-get install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "The browser test needs Chromium at $chromium (or set CHROMIUM_PATH); install it and run again." >&2
    exit 1
  fi
fi
"$chromium" --version

results="$(mktemp -d)"
# The node tests (manifest schemas, card validator) need nothing from the build and spend most of their
# time starting node: they run alongside the build, and their verdict is printed before the .NET tests.
node --test manifest/ tests/cards/ >"$results/node.log" 2>&1 &
node_tests=$!
dotnet restore IntakeBot.sln
dotnet build IntakeBot.sln --no-restore --configuration Release
node_status=0
wait "$node_tests" || node_status=$?
cat "$results/node.log"
# The format check needs nothing from the tests: it runs alongside them, and its verdict is printed after
# theirs. Only whitespace is left for it to check: the build above already fails on every code-style and
# analyzer diagnostic that `dotnet format` would fix (EnforceCodeStyleInBuild, warnings as errors), and
# checking them again cost 105 s of CPU against 15 s for whitespace alone (docs/testing.md).
dotnet format whitespace IntakeBot.sln --verify-no-changes --no-restore >"$results/format.log" 2>&1 &
format=$!
# The .trx results name the failed tests once more at the very end, where a truncated CI log still shows them.
status=0
dotnet test IntakeBot.sln --no-build --configuration Release --logger "console;verbosity=normal" \
  --logger trx --results-directory "$results" || status=$?
if [ "$status" -ne 0 ]; then
  node scripts/failed-tests.mjs "$results"
fi
format_status=0
wait "$format" || format_status=$?
if [ "$format_status" -ne 0 ]; then
  cat "$results/format.log"
  echo "dotnet format: files are not formatted; run: dotnet format IntakeBot.sln" >&2
  [ "$status" -ne 0 ] || status=$format_status
fi
if [ "$node_status" -ne 0 ]; then
  echo "node --test manifest/ tests/cards/ failed (its output is above, before the .NET tests)" >&2
  [ "$status" -ne 0 ] || status=$node_status
fi
rm -rf "$results"
exit "$status"
