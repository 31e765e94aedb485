#!/usr/bin/env bash
# Installs the system libraries Civic Canvas needs on Debian or Ubuntu, if any are missing.
# Usage: scripts/setup-linux.sh [run|test]
#   run  - libraries the window needs at run time (X11/Wayland, OpenGL through Mesa, keyboard maps)
#   test - what the test suite needs: `unshare` and `mount` for the full-disk tests, `setpriv` to
#          run the unreadable-file tests as another user, Xvfb with the window's libraries
#          for the smoke test of `civic-canvas measure` in a real window (the UI tests run
#          headless and need no libraries), and Node with the relay's npm packages (installed
#          from relay/package-lock.json) and Chromium for the live-session tests
set -euo pipefail
cd "$(dirname "$0")/.."

what="${1:-run}"

# The relay and the third-party client the live-session tests start, exactly as locked.
relay_packages() {
  if [ "$what" = test ]; then
    npm ci --prefix relay --no-audit --no-fund --loglevel=error
  fi
}

if [ "$(uname -s)" != "Linux" ] || ! command -v dpkg-query >/dev/null 2>&1; then
  echo "Not a Debian-like system: install X11/Wayland, OpenGL (Mesa) and xkbcommon libraries (and Node for the tests) with your package manager." >&2
  relay_packages
  exit 0
fi

window=(libxkbcommon-x11-0 libxkbcommon0 libwayland-client0 libwayland-egl1 libgl1 libegl1 libx11-xcb1 libxcursor1 libxrandr2 libxi6 libgl1-mesa-dri)
case "$what" in
  run) packages=("${window[@]}") ;;
  test)
    packages=(util-linux mount xvfb chromium "${window[@]}")
    command -v node >/dev/null 2>&1 || packages+=(nodejs)
    command -v npm >/dev/null 2>&1 || packages+=(npm)
    ;;
  *) echo "usage: $0 [run|test]" >&2; exit 2 ;;
esac

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    sudo=()
  elif command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "Missing system packages: ${missing[*]} (install them as root)." >&2
    exit 1
  fi
  echo "Installing system packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}"
fi

relay_packages
