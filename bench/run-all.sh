#!/usr/bin/env bash
# The reference run: every benchmark (3 forks) and the latency harness (headline and rate sweep), written
# to bench/results/ (committed); then, when the machine has a JDK 25, the same jar again on it (one
# listener, pools, the harness at the headline rate and a five-rate sweep) into bench/results/jdk25/;
# then bench/RESULTS.md, bench/charts/ and the README's figures generated from them by ResultsReport.
# Takes about an hour on 2 cores; run it on a quiet machine. Set ONLY=jdk25 to redo the JDK 25 part alone.
# Build first: ./mvnw -pl bench -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")"
jar=target/benchmarks.jar
out=results
mkdir -p "$out"
machine() {
    echo "cores: $(nproc)"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
    echo "date: $(date -u +%Y-%m-%d)"
}
jdk25=$(find /usr/lib/jvm -maxdepth 1 -name 'temurin-25*' -type d 2>/dev/null | sort | tail -n 1)
short=(-f 3 -wi 3 -i 4 -w 1 -r 1)
if [ "${ONLY:-}" != jdk25 ]; then
rm -f "$out"/*.json "$out"/*.txt
machine > "$out/machine.txt"
jmh() { local name=$1; shift; java -jar "$jar" "$@" -prof gc -rf json -rff "$out/$name.json"; }
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
"${harness[@]}" --peers=zerogc,starter,disruptor --repeat=3 \
    --sweep=1000000,1500000,2000000,3000000,3500000,4000000,4250000,4500000,4750000,5000000 \
    --seconds=8 --warmup-seconds=3 --p99-bound-us=10000 | tee "$out/sweep.txt"
# A listener writing to a buffered sink, flushed per event or per batch, through the engine and the Disruptor.
java -Xmx256m -cp "$jar" io.zerogc.bench.BatchFlushHarness | grep -E '^flush' | tee "$out/batch-flush.txt"
# Events externalized to an embedded Kafka broker, on the module's class path (the broker is not in the
# benchmarks jar); only its key: value lines are kept (the broker logs too).
java -Xmx1g -cp "target/classes:$(cat target/classpath.txt)" io.zerogc.bench.KafkaHarness | grep -E '^[a-z0-9-]+( [^:]*)?: ' | tee "$out/kafka.txt"
fi
if [ -n "$jdk25" ]; then
    java25=$jdk25/bin/java
    mkdir -p "$out/jdk25"
    rm -f "$out"/jdk25/*
    machine > "$out/jdk25/machine.txt"
    jmh25() { local name=$1; shift; "$java25" -jar "$jar" "$@" -prof gc -rf json -rff "$out/jdk25/$name.json"; }
    jmh25 sync 'SyncDispatchBenchmark.(directCall|zeroGcPublish|springPublishEvent)$' -p listeners=1 "${short[@]}"
    jmh25 starter StarterPublish -p listeners=1 "${short[@]}"
    jmh25 pooled PooledPublish "${short[@]}"
    harness25=("$java25" -Xmx256m -cp "$jar" io.zerogc.bench.LatencyHarness --listeners=500)
    "${harness25[@]}" --peers=zerogc,starter,disruptor --rate=2170000 --seconds=20 --warmup-seconds=5 \
        | tee "$out/jdk25/harness.txt"
    "${harness25[@]}" --peers=zerogc,starter,disruptor --sweep=1000000,1500000,2000000,4000000,5000000 --repeat=2 \
        --seconds=8 --warmup-seconds=3 --p99-bound-us=10000 | tee "$out/jdk25/sweep.txt"
fi
java -cp "$jar" io.zerogc.bench.ResultsReport "$out" RESULTS.md charts ../README.md
