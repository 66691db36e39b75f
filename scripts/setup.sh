#!/usr/bin/env bash
# Installs, from Debian's archive only, every package Rivetr's build, tests and runtime need.
# Idempotent: packages already present are skipped, so a second run costs one dpkg query.
set -euo pipefail

# Build: headers and libraries for every module.
BUILD_PKGS=(
  cmake pkg-config ccache make g++
  libpistache-dev libgit2-dev libtomlplusplus-dev nlohmann-json3-dev libspdlog-dev
  libarchive-dev zlib1g-dev libcurl4-openssl-dev libboost-dev libboost-system-dev libssl-dev
  libsqlite3-dev libargon2-dev libsodium-dev libjemalloc-dev libgtest-dev libgmock-dev libfyaml-dev
)
# Tests and runtime: the real parts the tests drive (no registry is reachable, so
# test images are built FROM scratch with busybox-static and our own static servers;
# docker-registry is the registry pull tests start themselves on a loopback port).
TEST_PKGS=(
  docker.io podman catatonit git busybox-static ca-certificates curl iproute2 procps
  pebble nginx wrk clang libclang-rt-14-dev sqlite3 openssh-server
  nodejs chromium
  systemd openssl passwd zsh docker-registry docker-compose
)

missing=()
for p in "${BUILD_PKGS[@]}" "${TEST_PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# The dashboard's npm: Debian's package, unless a nodejs build that bundles npm (NodeSource) is installed.
command -v npm >/dev/null || missing+=(npm)

if ((${#missing[@]})); then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: all packages present"
fi
