#!/usr/bin/env bash
# JMH: parse + normalize + validate + fingerprint per source, alerts per second on one thread,
# against the deployable jar. Usage: benchmarks/warm-path.sh
# (needs the handlers' jar: `mvn -B -q -f lambda-src/pom.xml -DskipTests package`).
set -euo pipefail
cd "$(dirname "$0")/jmh"
mvn -B -q package
java -cp "target/classes:$(cat target/classpath.txt)" org.openjdk.jmh.Main -rf text -rff target/jmh.txt
