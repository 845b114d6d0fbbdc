#!/bin/sh
# Installs the Debian bookworm packages ember needs, skipping those already present.
set -e
packages="build-essential cmake pkg-config libstarpu-dev libflint-dev libgmp-dev libjemalloc-dev libcmocka-dev libyaml-dev"
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "setup: installing$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
