#!/usr/bin/env bash
# Runs every benchmark and the latency harness once, then writes bench/RESULTS.md and bench/charts/.
# Takes about ten minutes. Build first: ./mvnw -pl bench -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")"
jar=target/benchmarks.jar
out=target/results
mkdir -p "$out"
jmh() { local name=$1; shift; java -jar "$jar" "$@" -prof gc -rf json -rff "$out/$name.json"; }
jmh sync SyncDispatch
jmh starter StarterPublish
jmh async-1 AsyncHandoff -t 1
jmh async-2 AsyncHandoff -t 2
jmh pooled PooledPublish
jmh startup Startup
java -Xmx256m -cp "$jar" io.zerogc.bench.LatencyHarness | tee "$out/harness.txt"
grep '^|' "$out/harness.txt" > "$out/harness.md"
java -cp "$jar" io.zerogc.bench.ResultsReport "$out" RESULTS.md charts
