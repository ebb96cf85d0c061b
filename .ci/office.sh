#!/bin/sh
# Installs Debian's LibreOffice Calc (headless, no GUI) for the printed-page test of the workbooks
# (tests/test_workbook_print.py), which converts a ranking workbook to PDF and counts its pages.
# It never fails the build: without LibreOffice that test skips, and the reason written to
# out/office-setup.txt is what the skip message shows.
status_file="$(dirname "$0")/../out/office-setup.txt"
mkdir -p "$(dirname "$status_file")"
say() { echo "office set-up: $1"; echo "$1" > "$status_file"; }

for b in soffice libreoffice; do
  if command -v "$b" >/dev/null 2>&1; then say "found $(command -v "$b")"; exit 0; fi
done
if ! command -v apt-get >/dev/null 2>&1; then
  say "no LibreOffice and no apt-get to install it (not a Debian-like system)"; exit 0
fi
sudo=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else
    say "no LibreOffice, and installing it needs root (run: apt-get install libreoffice-calc-nogui)"
    exit 0
  fi
fi
limit=""
command -v timeout >/dev/null 2>&1 && limit="timeout 1200"
log="$(dirname "$status_file")/office-setup.log"
echo "office set-up: installing libreoffice-calc-nogui with apt-get (log: $log)"
# The package lists may be stale on a fresh image: refresh them only if the first try fails.
pkgs="libreoffice-calc-nogui fonts-dejavu-core poppler-utils"
if $sudo env DEBIAN_FRONTEND=noninteractive $limit apt-get install -y -q \
     --no-install-recommends $pkgs >"$log" 2>&1 \
   || { $sudo $limit apt-get update -q >>"$log" 2>&1 && \
        $sudo env DEBIAN_FRONTEND=noninteractive $limit apt-get install -y -q \
          --no-install-recommends $pkgs >>"$log" 2>&1; }; then
  say "installed $(command -v soffice)"
else
  say "apt-get could not install LibreOffice (no network or mirror?); see $log"
fi
exit 0
