#!/usr/bin/env bash
# An alert storm on one fingerprint: N concurrent duplicates of a maximal incident through the real
# ingest handler against dynalite, with the capacity DynamoDB reports (ReturnConsumedCapacity) per
# duplicate and the resulting ceiling of duplicates/s per fingerprint.
# Usage: benchmarks/storm.sh [duplicates] [threads]   (default 1000 16; needs `npm ci` and the
# handlers' jar: `mvn -B -q -f lambda-src/pom.xml -DskipTests package`)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=lambda-src/target/incident-pipeline-ingest.jar
classes="$(mktemp -d)"
trap 'rm -rf "$classes"' EXIT
javac -d "$classes" -cp "$jar" benchmarks/storm/Storm.java benchmarks/common/LocalDynamoDb.java
java -cp "$classes:$jar" Storm "${1:-1000}" "${2:-16}"
