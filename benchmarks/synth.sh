#!/usr/bin/env bash
# Synth wall time through the pinned CDK CLI, runs interleaved so machine noise hits every variant
# alike, each with and without CloudFormation template validation:
#   empty    an empty CDK app (one empty stack): the toolchain's floor (JVM + jsii + CLI)
#   default  `cdk synth` of the default app with nothing changed since the last build: cdk.json's
#            app (bin/cdk-app) checks the sources' times and runs the app without Maven
#   java     the same app run directly (`--app 'java -cp …'`): what the check costs is default - java
#   prod3    a three-region prod configuration with a custom domain, through bin/cdk-app
# Usage: benchmarks/synth.sh [runs]   (default 3; needs `npm ci`; builds the app first if needed)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20 JSII_DEPRECATED=quiet AWS_EC2_METADATA_DISABLED=true
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# One synth to build what changed, so every timed default run is a no-change synth.
if ! npx cdk synth --quiet -o "$work/warm-up" > "$work/warm-up.log" 2>&1; then
  echo "benchmarks/synth.sh: the warm-up synth failed:" >&2
  cat "$work/warm-up.log" >&2
  exit 1
fi
classpath="target/classes:$(cat target/classpath.txt)"
javac -d "$work/empty" -cp "$classpath" benchmarks/empty-app/EmptyApp.java
prod=(-c stage=prod -c regions=us-east-1,eu-west-1,ap-southeast-2 -c account=123456789012
      -c domainName=alerts.example.com -c hostedZoneId=Z0123456789ABC -c hostedZoneName=example.com)

synth() { # name validation(on|off) args...
  local name="$1" validation="$2"; shift 2
  local start end log="$work/$name-$validation.log"
  start=$(date +%s.%N)
  if ! if [ "$validation" = off ]; then
         CDK_VALIDATION=false npx cdk synth --quiet -o "$work/out-$name-$validation" "$@" > "$log" 2>&1
       else
         env -u CDK_VALIDATION npx cdk synth --quiet -o "$work/out-$name-$validation" "$@" > "$log" 2>&1
       fi; then
    echo "benchmarks/synth.sh: synth of '$name' (validation $validation) failed:" >&2
    cat "$log" >&2
    exit 1
  fi
  end=$(date +%s.%N)
  awk -v n="$name" -v v="$validation" -v s="$start" -v e="$end" 'BEGIN {print n, v, e - s}' >> "$work/times"
}

for run in $(seq "$runs"); do
  for validation in on off; do
    synth empty "$validation" --app "java -cp $work/empty:$classpath EmptyApp"
    synth default "$validation"
    synth java "$validation" --app "java -cp $classpath io.incidentpipeline.app.IncidentPipelineApp"
    synth prod3 "$validation" "${prod[@]}"
  done
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "| app | validation | median s ($runs runs) | ratio to empty app |"
echo "|---|---|---:|---:|"
for validation in on off; do
  floor=$(awk -v v="$validation" '$1=="empty" && $2==v {print $3}' "$work/times" | median)
  for name in empty default java prod3; do
    m=$(awk -v n="$name" -v v="$validation" '$1==n && $2==v {print $3}' "$work/times" | median)
    awk -v n="$name" -v v="$validation" -v m="$m" -v f="$floor" 'BEGIN {printf "| %s | %s | %.1f | %.2f |\n", n, v, m, m / f}'
  done
done
