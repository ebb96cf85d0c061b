#!/bin/sh
# Installs Debian's `chromium` for the HTML report's browser test (tests/test_report_html.py)
# where it is missing. It never fails the build: without a browser that test skips, and the
# reason written to out/browser-setup.txt is what the skip message shows.
status_file="$(dirname "$0")/../out/browser-setup.txt"
mkdir -p "$(dirname "$status_file")"
say() { echo "browser set-up: $1"; echo "$1" > "$status_file"; }

for b in chromium chromium-browser; do
  if command -v "$b" >/dev/null 2>&1; then say "found $(command -v "$b")"; exit 0; fi
done
if ! command -v apt-get >/dev/null 2>&1; then
  say "no chromium and no apt-get to install it (not a Debian-like system)"; exit 0
fi
sudo=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else
    say "no chromium, and installing it needs root (run: apt-get install chromium)"; exit 0
  fi
fi
limit=""
command -v timeout >/dev/null 2>&1 && limit="timeout 900"
log="$(dirname "$status_file")/browser-setup.log"
echo "browser set-up: installing chromium with apt-get (log: $log)"
# The package lists may be stale on a fresh image: refresh them only if the first try fails.
if $sudo env DEBIAN_FRONTEND=noninteractive $limit apt-get install -y -q \
     --no-install-recommends chromium >"$log" 2>&1 \
   || { $sudo $limit apt-get update -q >>"$log" 2>&1 && \
        $sudo env DEBIAN_FRONTEND=noninteractive $limit apt-get install -y -q \
          --no-install-recommends chromium >>"$log" 2>&1; }; then
  say "installed $(command -v chromium)"
else
  say "apt-get could not install chromium (no network or mirror?); see $log"
fi
exit 0
