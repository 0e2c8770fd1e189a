#!/usr/bin/env bash
# Cold start of every API and event handler, each in a fresh JVM with Lambda's flags and only the
# deployable jar that ships it, beside the hello and SDK floors, against a local dynalite; then the
# ingest handler's first request after SnapStart priming, its warm p50/p99 and CPU per request.
# Usage: benchmarks/coldstart.sh [runs]   (default 10; needs `npm ci` and the handlers' jars:
# `mvn -B -q -f lambda-src/pom.xml -DskipTests package`)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"
jars=lambda-src/target
classes="$(mktemp -d)"
trap 'rm -rf "$classes"' EXIT
# Compiled against both jars; each child JVM then runs with one of them.
javac -d "$classes" -cp "$jars/incident-pipeline-ingest.jar:$jars/incident-pipeline-events.jar" benchmarks/coldstart/ColdStart.java benchmarks/common/LocalDynamoDb.java
java -cp "$classes:$jars/incident-pipeline-ingest.jar" ColdStart "$jars" "$runs"
