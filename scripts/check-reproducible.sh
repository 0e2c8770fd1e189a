#!/usr/bin/env bash
# Builds the library a second time, from a copy of its sources in another directory, and checks
# that every jar is byte-identical to the one this build made: the library and its sources jar,
# the playbook SDK's jar and sources jar, and the three deployable handler jars (whose bytes are their CDK asset hashes, so `cdk diff`
# after a rebuild shows no change). The test command runs it after `package`
# (pom.xml, execution reproducible-build); run it by hand after `mvn -DskipTests package`.
# Maven options (-o, -Dmaven.repo.local=…) are passed on to the second build.
set -euo pipefail
cd "$(dirname "$0")/.."

JARS=(
  lambda-src/target/incident-pipeline-ingest.jar
  lambda-src/target/incident-pipeline-events.jar
  lambda-src/target/incident-pipeline-remediation.jar
)
for jar in target/incident-pipeline-*.jar playbook-sdk/target/incident-pipeline-playbook-sdk-*.jar; do
  case "$jar" in *-javadoc.jar) ;; *) JARS=("$jar" "${JARS[@]}") ;; esac
done
for jar in "${JARS[@]}"; do
  if [ ! -f "$jar" ]; then
    echo "No $jar to compare: run \`mvn -DskipTests package\` first." >&2
    exit 2
  fi
done

# What the build reads, and nothing it wrote: a fresh directory, as another machine's checkout.
copy=target/reproducibility
rm -rf "$copy"
mkdir -p "$copy/lambda-src/src"
cp -R pom.xml LICENSE src "$copy/"
rm -rf "$copy/src/test"
cp -R lambda-src/pom.xml "$copy/lambda-src/"
cp -R lambda-src/src/main "$copy/lambda-src/src/"
# The package phase also builds the playbook SDK (from lambda-src's sources, by its own pom).
mkdir -p "$copy/playbook-sdk"
cp playbook-sdk/pom.xml "$copy/playbook-sdk/"

log="$copy.log"
# Only what makes the jars: no tests, no checks this build already made (enforcer, classpath
# files), and no Javadoc, the slowest step (its jar is made with -notimestamp from an emptied
# directory, and a byte comparison of it, measured once, found it identical).
if ! "${MVN:-mvn}" --batch-mode --no-transfer-progress "$@" -DskipTests -Denforcer.skip=true -Dmdep.skip=true \
    -Dmaven.javadoc.skip=true --file "$copy/pom.xml" package > "$log" 2>&1; then
  tail -n 40 "$log" >&2
  echo "The second build failed; full log: $log" >&2
  exit 1
fi

status=0
for jar in "${JARS[@]}"; do
  if cmp --silent "$jar" "$copy/$jar"; then
    echo "reproducible: $jar ($(sha256sum < "$jar" | cut -c1-16)…)"
  else
    status=1
    echo "NOT REPRODUCIBLE: $jar differs from $copy/$jar. Entries that differ (size, time, CRC, name):" >&2
    diff <(unzip -v "$jar" | sed 1,3d) <(unzip -v "$copy/$jar" | sed 1,3d) \
      | head -n 20 >&2 || true
  fi
done
if [ "$status" -ne 0 ]; then
  echo "Two builds of the same sources made different jars: something writes a time, a path or a random" \
       "value into the build output (project.build.outputTimestamp covers the jar entries' times)." \
       "Output of an earlier build left in target/ (a deleted class) differs too: \`mvn clean verify\`." >&2
fi
exit "$status"
