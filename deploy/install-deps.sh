#!/usr/bin/env bash
# Installs the Debian packages OrleansHall needs at run or test time, only those that are missing.
#   curl                 run.sh waits for the services over HTTP
#   libgtk-3-0           OpenCvSharp's native runtime links against it
#   postgresql-15        the private database server (binaries only; no system service is used)
#   chromium             browser tests (Playwright drives Debian's Chromium)
#   fonts-wqy-microhei   CJK glyphs, so the zh-CN console renders in screenshots
# Usage: deploy/install-deps.sh [--no-browser]
set -euo pipefail

packages=(curl libgtk-3-0 postgresql-15 fonts-wqy-microhei)
[[ "${1:-}" == "--no-browser" ]] || packages+=(chromium)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "install-deps: installing ${missing[*]}"
sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
