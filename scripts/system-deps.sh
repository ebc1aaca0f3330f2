#!/usr/bin/env bash
# Check the system packages reportgen needs; install them where that is possible, else say
# exactly what to install.
#   scripts/system-deps.sh build   libraries WeasyPrint loads (Pango, HarfBuzz subsetting)
#   scripts/system-deps.sh test    also the independent readers the tests use
# Debian and Ubuntu (also under WSL on Windows): checked with dpkg, installed with apt-get
# when run as root. Fedora and RHEL (dnf) and macOS (Homebrew): checked, and the command
# to run is printed. Elsewhere: what is needed is named.
set -euo pipefail

want_tests=false
[ "${1:-build}" = test ] && want_tests=true

missing_from() {  # missing_from CHECK PACKAGE...: the packages CHECK does not find
  local check=$1 package
  shift
  for package in "$@"; do
    $check "$package" >/dev/null 2>&1 || echo "$package"
  done
}

report() {  # report INSTALL-COMMAND PACKAGE...: print the command for the missing ones, exit 1
  local command=$1
  shift
  echo "Missing system packages: $*" >&2
  echo "Install them with: $command $*" >&2
  exit 1
}

if command -v dpkg-query >/dev/null 2>&1; then
  packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
  $want_tests && packages+=(poppler-utils qpdf pandoc libreoffice-writer-nogui python3-uno gettext)
  debian_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }
  missing=($(missing_from debian_installed "${packages[@]}"))
  [ ${#missing[@]} -eq 0 ] && exit 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing system packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
    exit 0
  fi
  report "sudo apt-get install -y --no-install-recommends" "${missing[@]}"
elif command -v rpm >/dev/null 2>&1 && command -v dnf >/dev/null 2>&1; then
  packages=(pango harfbuzz)
  $want_tests && packages+=(poppler-utils qpdf pandoc libreoffice-writer libreoffice-pyuno gettext)
  missing=($(missing_from "rpm -q" "${packages[@]}"))
  [ ${#missing[@]} -eq 0 ] && exit 0
  report "sudo dnf install -y" "${missing[@]}"
elif command -v brew >/dev/null 2>&1; then
  packages=(pango harfbuzz)
  $want_tests && packages+=(poppler qpdf pandoc gettext)
  missing=($(missing_from "brew list --versions" "${packages[@]}"))
  if [ ${#missing[@]} -gt 0 ]; then
    report "brew install" "${missing[@]}"
  fi
  if $want_tests && ! command -v soffice >/dev/null 2>&1; then
    echo "Missing: LibreOffice. Install it with: brew install --cask libreoffice" >&2
    exit 1
  fi
  exit 0
else
  echo "reportgen needs Pango (1.44 or later) and HarfBuzz with its subsetting library;" >&2
  $want_tests && echo "its tests also need poppler's pdftotext, qpdf, pandoc, LibreOffice (with its Python" \
    "module, uno) and gettext's msgfmt." >&2
  echo "Install them with your system's package manager, then run make again." >&2
  exit 1
fi
