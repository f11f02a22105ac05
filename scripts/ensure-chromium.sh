#!/usr/bin/env bash
# Browser tests need Debian's Chromium; install it when we can, otherwise stop and say how.
set -euo pipefail
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Chromium for the browser tests (apt-get install -y chromium)..."
  (apt-get install -y chromium >/dev/null 2>&1) || (apt-get update >/dev/null && apt-get install -y chromium >/dev/null)
  exit 0
fi
echo "Chromium is missing at $CHROMIUM. Install it with: sudo apt-get install -y chromium" >&2
echo "(or set CHROMIUM_PATH to a Chromium binary), then run the tests again." >&2
exit 1
