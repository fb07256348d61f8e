#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build, run and test PMSync, then the npm
# dependencies. Safe to re-run: only missing apt packages are installed.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential python3   # better-sqlite3-multiple-ciphers compiles from source (~70 s)
  libsecret-1-dev           # keytar (optional OS keychain support)
  chromium fonts-dejavu-core # browser mode end-to-end tests
  dovecot-imapd dovecot-lmtpd openssl # real IMAP server on loopback for the sync engine tests
  radicale xandikos apache2-utils python3-passlib python3-bcrypt curl # real CalDAV/CardDAV servers on loopback
  vdirsyncer                # the peer the DAV sync benchmark measures against
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "setup: PMSync needs Node.js 20.19 or newer (found $(node -v 2>/dev/null || echo none))." >&2
  exit 1
fi

# The Electron binary cannot be downloaded in every environment; browser mode does not need it.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
