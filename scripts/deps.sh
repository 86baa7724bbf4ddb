#!/usr/bin/env bash
# Installs the Debian packages corpgraph builds and tests with, if any is missing.
# Sourced by demo.sh and test.sh; safe to run again (does nothing when all are present).
set -euo pipefail

CORPGRAPH_PACKAGES=(
  build-essential cmake pkg-config
  libboost-graph-dev libsqlite3-dev libre2-dev nlohmann-json3-dev
  libgraphviz-dev graphviz libgtest-dev libbenchmark-dev libicu-dev libedit-dev
  libcli11-dev zlib1g-dev libmimalloc-dev iso-codes sqlite3 clang-format python3
  clang libclang-rt-14-dev
  chromium
)

corpgraph_missing_packages() {
  local missing=()
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  echo "${missing[@]:-}"
}

corpgraph_install_packages() {
  local missing
  missing=$(corpgraph_missing_packages "$@")
  if [ -z "$missing" ]; then
    return 0
  fi
  echo "corpgraph: installing Debian packages: $missing" >&2
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
}

corpgraph_install_packages "${CORPGRAPH_PACKAGES[@]}"
