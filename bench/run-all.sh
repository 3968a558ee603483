#!/usr/bin/env bash
# The reference run: every benchmark (3 forks) and the latency harness (headline and rate sweep), written
# to bench/results/ (committed), then bench/RESULTS.md, bench/charts/ and the README's figures generated
# from them by ResultsReport. Takes about 45 minutes on 2 cores; run it on a quiet machine.
# Build first: ./mvnw -pl bench -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")"
jar=target/benchmarks.jar
out=results
mkdir -p "$out"
rm -f "$out"/*.json "$out"/*.txt
{
    echo "cores: $(nproc)"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
    echo "date: $(date -u +%Y-%m-%d)"
} > "$out/machine.txt"
jmh() { local name=$1; shift; java -jar "$jar" "$@" -prof gc -rf json -rff "$out/$name.json"; }
short=(-f 3 -wi 3 -i 4 -w 1 -r 1)
jmh sync SyncDispatch "${short[@]}"
jmh starter StarterPublish "${short[@]}"
jmh pooled PooledPublish "${short[@]}"
jmh subscriptions Subscription "${short[@]}"
jmh traced TracedPublish "${short[@]}"
jmh async-1 AsyncHandoff -t 1 "${short[@]}"
jmh async-2 AsyncHandoff -t 2 "${short[@]}"
jmh startup Startup
harness=(java -Xmx256m -cp "$jar" io.zerogc.bench.LatencyHarness --listeners=500)
"${harness[@]}" --peers=zerogc,starter,disruptor,spring --rate=2170000 --seconds=20 --warmup-seconds=5 \
    | tee "$out/harness.txt"
"${harness[@]}" --peers=zerogc,starter,disruptor --sweep=2000000,3000000,3500000,4000000,4500000 --repeat=3 \
    --seconds=8 --warmup-seconds=3 --p99-bound-us=10000 | tee "$out/sweep.txt"
# A listener writing to a buffered sink, flushed per event or per batch, through the engine and the Disruptor.
java -Xmx256m -cp "$jar" io.zerogc.bench.BatchFlushHarness | grep -E '^flush' | tee "$out/batch-flush.txt"
# Events externalized to an embedded Kafka broker, on the module's class path (the broker is not in the
# benchmarks jar); only its key: value lines are kept (the broker logs too).
java -Xmx1g -cp "target/classes:$(cat target/classpath.txt)" io.zerogc.bench.KafkaHarness | grep -E '^[a-z0-9-]+( [^:]*)?: ' | tee "$out/kafka.txt"
java -cp "$jar" io.zerogc.bench.ResultsReport "$out" RESULTS.md charts ../README.md
