#!/usr/bin/env bash
# The reference run: every benchmark (3 forks) and the latency harness (headline and rate sweep), written
# to bench/results/ (committed); then, when the machine has a JDK 25, the same jar again on it (one
# listener, pools, the harness at the headline rate and a shorter sweep) into bench/results/jdk25/;
# then bench/RESULTS.md, bench/charts/ and the README's figures generated from them by ResultsReport.
# Takes about 95 minutes on 2 cores; run it on a quiet machine. Set ONLY=jdk25 to redo the JDK 25 part alone,
# ONLY=harness to redo the latency harness alone on both JDKs (about 55 minutes), ONLY=subscriptions to redo
# SubscriptionBenchmark alone (about 12 minutes, dated in machine.txt), keeping every other file. Before
# anything is overwritten, a quiet check compares the host with the committed run's (below).
# The harness's peers take turns run by run, five runs each (a single stall of the machine moves a median of
# three), at the headline rate and at each rate of a sweep up to past the knee, finer around it (between 5 and 7 M events/s x 500 on the 2 cores of the last run; the same CPU
# model was at 2-3 M on another day: check the saturated rate, --rate=8000000, before choosing rates).
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
# The harness on one JDK ($1, the java to run) into one directory ($2); $3: the sweep's rates; $4: the
# headline's peers.
harness() {
    local h=("$1" -Xmx256m -cp "$jar" io.zerogc.bench.LatencyHarness --listeners=500)
    "${h[@]}" --peers="$4" --rate=2170000 --repeat=5 --seconds=15 --warmup-seconds=5 | tee "$2/harness.txt"
    "${h[@]}" --peers=zerogc,starter,disruptor --repeat=5 --sweep="$3" --seconds=6 --warmup-seconds=2 \
        --p99-bound-us=10000 | tee "$2/sweep.txt"
    # Offered more than any consumer takes: what each achieves is its consumer's capacity.
    "${h[@]}" --peers=zerogc,starter,disruptor --rate=12000000 --repeat=3 --seconds=5 --warmup-seconds=2 \
        | tee "$2/saturated.txt"
}
# Is the host as quiet as on the run in results/? The Disruptor's saturated consumer is the control: the same
# code every time, so if it now achieves less than 90% of its median in the committed saturated.txt, the host
# is slower and every figure with it: stop before anything is overwritten. QUIET_CHECK=off runs anyway.
# $1: the java; $2: the committed saturated.txt.
median_disruptor() {
    awk -F'|' '$2 ~ /^ *disruptor *$/ { gsub(/[ ,]/, "", $5); print $5 }' | sort -n \
        | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'
}
quiet_check() {
    [ "${QUIET_CHECK:-on}" != off ] && [ -f "$2" ] || return 0
    local before now
    before=$(median_disruptor < "$2")
    [ -n "$before" ] || return 0
    now=$("$1" -Xmx256m -cp "$jar" io.zerogc.bench.LatencyHarness --listeners=500 --peers=disruptor \
        --rate=12000000 --repeat=3 --seconds=5 --warmup-seconds=2 | median_disruptor)
    echo "quiet check ($1): the Disruptor's saturated consumer achieves $now events/s, $before in $2"
    if [ -z "$now" ] || [ $((now * 10)) -lt $((before * 9)) ]; then
        echo "the host is slower than on the committed run: nothing overwritten (QUIET_CHECK=off to run anyway)" >&2
        exit 3
    fi
}
sweep17=1000000,2170000,3000000,4000000,4250000,4500000,4750000,5000000,5500000,6000000,7000000
sweep25=1000000,2170000,3000000,4000000,4500000,5000000,5500000,6000000
if [ "${ONLY:-}" != jdk25 ]; then
    quiet_check java "$out/saturated.txt"
fi
if [ -n "$jdk25" ] && [ "${ONLY:-}" != subscriptions ]; then
    quiet_check "$jdk25/bin/java" "$out/jdk25/saturated.txt"
fi
if [ "${ONLY:-}" = subscriptions ]; then
    java -jar "$jar" SubscriptionBenchmark "${short[@]}" -prof gc -rf json -rff "$out/subscriptions.json"
    sed -i '/^date subscriptions:/d' "$out/machine.txt"
    echo "date subscriptions: $(date -u +%Y-%m-%d)" >> "$out/machine.txt"
    java -cp "$jar" io.zerogc.bench.ResultsReport "$out" RESULTS.md charts ../README.md
    exit 0
fi
if [ "${ONLY:-}" = harness ]; then
    harness java "$out" "$sweep17" zerogc,starter,disruptor,spring
    if [ -n "$jdk25" ]; then
        harness "$jdk25/bin/java" "$out/jdk25" "$sweep25" zerogc,starter,disruptor
    fi
    echo "kept: the latency harness re-run $(date -u +%Y-%m-%d) with ONLY=harness" >> "$out/machine.txt"
    java -cp "$jar" io.zerogc.bench.ResultsReport "$out" RESULTS.md charts ../README.md
    exit 0
fi
if [ "${ONLY:-}" != jdk25 ]; then
rm -f "$out"/*.json "$out"/*.txt
machine > "$out/machine.txt"
jmh() { local name=$1; shift; java -jar "$jar" "$@" -prof gc -rf json -rff "$out/$name.json"; }
jmh sync SyncDispatch "${short[@]}"
jmh starter StarterPublish "${short[@]}"
jmh pooled PooledPublish "${short[@]}"
jmh types EventTypes "${short[@]}"
jmh subscriptions Subscription "${short[@]}"
jmh traced TracedPublish "${short[@]}"
jmh async-1 AsyncHandoff -t 1 "${short[@]}"
jmh async-2 AsyncHandoff -t 2 "${short[@]}"
jmh startup Startup
harness java "$out" "$sweep17" zerogc,starter,disruptor,spring
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
    harness "$java25" "$out/jdk25" "$sweep25" zerogc,starter,disruptor
fi
java -cp "$jar" io.zerogc.bench.ResultsReport "$out" RESULTS.md charts ../README.md
