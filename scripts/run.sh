#!/usr/bin/env bash
# Sets up what the window needs, builds Civic Canvas and opens the example board.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-linux.sh run
exec cargo run --release --locked -- "${1:-saved_boards/kickoff.ron}"
