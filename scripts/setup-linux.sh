#!/usr/bin/env bash
# Installs the system libraries Civic Canvas needs on Debian or Ubuntu, if any are missing.
# Usage: scripts/setup-linux.sh [run|test]
#   run  - libraries the window needs at run time (X11/Wayland, OpenGL through Mesa, keyboard maps)
#   test - what the test suite needs: `unshare` and `mount` for the full-disk tests, `setpriv` to
#          run the unreadable-file tests as another user, and Xvfb with the window's libraries
#          for the smoke test of `civic-canvas measure` in a real window (the UI tests run
#          headless and need no libraries)
set -euo pipefail

what="${1:-run}"
[ "$(uname -s)" = "Linux" ] || exit 0
command -v dpkg-query >/dev/null 2>&1 || { echo "Not a Debian-like system: install X11/Wayland, OpenGL (Mesa) and xkbcommon libraries with your package manager." >&2; exit 0; }

window=(libxkbcommon-x11-0 libxkbcommon0 libwayland-client0 libwayland-egl1 libgl1 libegl1 libx11-xcb1 libxcursor1 libxrandr2 libxi6 libgl1-mesa-dri)
case "$what" in
  run) packages=("${window[@]}") ;;
  test) packages=(util-linux mount xvfb "${window[@]}") ;;
  *) echo "usage: $0 [run|test]" >&2; exit 2 ;;
esac

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

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
