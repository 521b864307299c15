#!/usr/bin/env bash
# Runs the whole test suite from a fresh clone: installs the pinned tools (Azurite from npm) and runs
# every test project. The tests start their own Azurite on free loopback ports.
set -euo pipefail
cd "$(dirname "$0")/.."

npm ci --no-audit --no-fund --loglevel=error
node --test manifest/
dotnet restore IntakeBot.sln
dotnet build IntakeBot.sln --no-restore --configuration Release
dotnet format IntakeBot.sln --verify-no-changes --no-restore
dotnet test IntakeBot.sln --no-build --configuration Release --logger "console;verbosity=normal"
