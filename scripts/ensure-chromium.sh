#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (never a downloaded build). Install it when missing.
set -euo pipefail
if [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "== installing Debian's chromium (and poppler-utils for the card tests)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null
else
  echo "Chromium is missing. Install it with: sudo apt-get install -y chromium poppler-utils" >&2
  exit 1
fi
