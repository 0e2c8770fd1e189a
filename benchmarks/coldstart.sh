#!/usr/bin/env bash
# Cold start of the ingest handler from the deployable jar, beside the hello and SDK floors, each in
# a fresh JVM with Lambda's flags against a local dynalite. Usage: benchmarks/coldstart.sh [runs]
# (default 10; needs `npm ci` and the handlers' jar: `mvn -B -q -f lambda-src/pom.xml -DskipTests package`).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"
jar=lambda-src/target/incident-pipeline-ingest.jar
classes="$(mktemp -d)"
trap 'rm -rf "$classes"' EXIT
javac -d "$classes" -cp "$jar" benchmarks/coldstart/ColdStart.java
java -cp "$classes:$jar" ColdStart "$jar" "$runs"
echo
echo "deployable jar: $(stat -c %s "$jar") bytes"
