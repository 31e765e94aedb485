#!/usr/bin/env bash
# Sets up what the tests need and runs the whole test suite (unit, integration, headless UI tests),
# then runs each benchmark once as a smoke test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-linux.sh test
cargo test --locked --all-targets
cargo test --locked --doc
cargo bench --locked -- --test
