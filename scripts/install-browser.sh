#!/usr/bin/env bash
# Headless Chromium for the dashboard's browser tests: Debian's package (Playwright's own
# browser download cannot work without internet). Needs root or sudo; skipped if present.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
echo "setup: installing chromium (Debian package)" >&2
$SUDO apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >&2
