#!/usr/bin/env bash
# Wall time of the README's test command (after `npm ci`), with each test class's own time, so a
# regression points at its class. Usage: benchmarks/test-suite.sh
set -euo pipefail
cd "$(dirname "$0")/.."
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
start=$(date +%s)
mvn -B verify > "$log" 2>&1 || { tail -50 "$log"; exit 1; }
end=$(date +%s)
echo "mvn -B verify: $((end - start)) s wall"
echo "slowest test classes (Surefire's own time):"
grep -E "Tests run: .* Time elapsed: .* -- in " "$log" \
  | sed -E 's/.*Time elapsed: ([0-9.]+) s -- in (.*)/\1 \2/' | sort -rn | head -10 | awk '{printf "  %6.1f s  %s\n", $1, $2}'
grep -E "^\[INFO\] Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$" "$log" \
  | awk '{t += $4} END {print "tests: " t}' FS='[ ,]+'
