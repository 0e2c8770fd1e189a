#!/usr/bin/env bash
# npm run local [-- -c key=value …]: build, synthesize the stage (the default sandbox unless -c says
# otherwise), then run it on this machine with moto as the AWS engine until Ctrl-C.
# Maven options (e.g. -o, -Dmaven.repo.local=…) come from MAVEN_ARGS (passed explicitly: Maven 3.8 ignores it); the API's port from LOCAL_PORT (default 3000).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! python3 -c 'import moto.server, flask, werkzeug' 2>/dev/null; then
  echo "npm run local needs moto's server mode (the local AWS engine): pip install 'moto[server]'" >&2
  exit 2
fi
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20 JSII_DEPRECATED=quiet
echo "Building the handlers, the constructs and the local runtime (log: target/local-build.log)…"
mkdir -p target
# shellcheck disable=SC2086
if ! mvn -B ${MAVEN_ARGS:-} -DskipTests package > target/local-build.log 2>&1; then
  tail -n 40 target/local-build.log >&2
  exit 1
fi
echo "Synthesizing ($*)…"
npx cdk synth --quiet "$@"
# exec: Ctrl-C reaches the runtime's JVM directly, whose shutdown hook stops every process it started.
exec java -Dlocal.port="${LOCAL_PORT:-3000}" -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  io.incidentpipeline.local.LocalPipelineMain cdk.out
