#!/usr/bin/env bash
# The tests need two Debian packages: Chromium (browser tests) and HAProxy (three app servers behind a
# balancer). Install what is missing when we can, otherwise stop and say how.
set -euo pipefail
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
command -v haproxy >/dev/null || [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing for the tests: ${missing[*]} (apt-get install -y ${missing[*]})..."
  (apt-get install -y "${missing[@]}" >/dev/null 2>&1) ||
    (apt-get update >/dev/null && apt-get install -y "${missing[@]}" >/dev/null)
  exit 0
fi
echo "Missing for the tests: ${missing[*]}. Install with: sudo apt-get install -y ${missing[*]}" >&2
echo "(or set CHROMIUM_PATH to a Chromium binary), then run the tests again." >&2
exit 1
