#!/usr/bin/env bash
# Sets everything up and runs every test: unit tests, and integration tests that drive the published binary
# against real overlayfs, runc, skopeo/umoci and (when it can start) docker.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

started_dockerd=""
if command -v dockerd >/dev/null 2>&1 && ! docker info >/dev/null 2>&1; then
  dockerd --iptables=false >/tmp/berth-test-dockerd.log 2>&1 &
  started_dockerd=$!
  for _ in $(seq 1 30); do docker info >/dev/null 2>&1 && break; sleep 1; done
fi
cleanup() { if [ -n "$started_dockerd" ]; then kill "$started_dockerd" 2>/dev/null || true; fi; }
trap cleanup EXIT

export BERTH_BINARY="$(pwd)/artifacts/berth/berth"
# The minimal console logger still prints each failed test's message and stack, which the quiet build output hides.
dotnet test Berth.sln -c Release --nologo -v quiet --logger "console;verbosity=minimal" -- xunit.parallelizeTestCollections=true
