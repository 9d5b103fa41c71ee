#!/usr/bin/env bash
# Installs what building and testing Berth needs on Debian (run as root), then publishes the NativeAOT binary
# to artifacts/berth/berth.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  clang lld zlib1g-dev            # NativeAOT linking
  libsqlite3-dev                  # SQLite linked into berth (without it, berth loads the package's e_sqlite3.so)
  runc tini busybox-static zstd pigz   # runtime (tini is --init), test images
  xz-utils bzip2                  # ADD of .tar.xz and .tar.bz2 archives in builds
  iproute2 nftables util-linux    # bridge networks: ip, nft, nsenter
  skopeo umoci apache2-utils docker-registry  # interop checks; htpasswd and the registry for registry tests
  hyperfine sqlite3               # benchmarks, store inspection
)
if [ "${BERTH_WITHOUT_DOCKER:-0}" != 1 ]; then
  packages+=(docker.io)           # differential and interop tests (skipped with a reason when absent)
fi
if [ "${BERTH_BENCH:-0}" = 1 ]; then
  packages+=(podman python3)      # benchmark baselines
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null 2>&1; then
  curl -fsSL https://dot.net/v1/dotnet-install.sh -o /tmp/dotnet-install.sh
  bash /tmp/dotnet-install.sh --channel 10.0 --install-dir /usr/share/dotnet
  ln -sf /usr/share/dotnet/dotnet /usr/local/bin/dotnet
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet publish src/Berth.Cli -c Release -o artifacts/berth -p:SourceRevisionId="$(git rev-parse HEAD 2>/dev/null || echo unknown)" --nologo -v quiet
echo "built $(pwd)/artifacts/berth/berth"
