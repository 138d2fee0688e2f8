#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (never a downloaded build). Install it when missing.
set -euo pipefail
# chromium-l10n: the tests' browser runs in French, as a service point's workstation does.
if [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  if [ -e /usr/lib/chromium/locales/fr.pak ] || [ -n "${CHROMIUM_PATH:-}" ]; then exit 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing Chromium's French (chromium-l10n)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-l10n >/dev/null) ||
      echo "chromium-l10n could not be installed: the browser tests run with an English Chromium" >&2
  fi
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "== installing Debian's chromium (and poppler-utils for the card tests)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-l10n poppler-utils >/dev/null
else
  echo "Chromium is missing. Install it with: sudo apt-get install -y chromium chromium-l10n poppler-utils" >&2
  exit 1
fi
