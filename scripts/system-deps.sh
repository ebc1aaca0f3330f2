#!/usr/bin/env bash
# Check the system packages reportgen needs; install them with apt-get where possible.
#   scripts/system-deps.sh build   libraries WeasyPrint loads (Pango, HarfBuzz subsetting)
#   scripts/system-deps.sh test    also the independent readers the tests use
set -euo pipefail

build_packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
test_packages=(poppler-utils qpdf pandoc libreoffice-writer-nogui)

wanted=("${build_packages[@]}")
[ "${1:-build}" = test ] && wanted+=("${test_packages[@]}")

missing=()
for package in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

command="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing system packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $command >/dev/null
else
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them with: sudo $command" >&2
  exit 1
fi
