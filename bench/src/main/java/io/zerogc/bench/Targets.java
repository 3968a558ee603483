package io.zerogc.bench;

import static io.zerogc.bench.Figures.bytes;
import static io.zerogc.bench.Figures.count;
import static io.zerogc.bench.Figures.format;
import static io.zerogc.bench.Figures.micros;
import static io.zerogc.bench.Figures.ratio;

import io.zerogc.bench.ReferenceRun.Result;
import io.zerogc.bench.ReferenceRun.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges a reference run against the project's performance targets: one row per target, what was
 * measured, and whether it was met.
 */
final class Targets {

    private Targets() {
    }

    static void write(ReferenceRun run, StringBuilder out) {
        out.append("## Targets\n\n| target | measured | met |\n|---|---|---|\n");
        for (String count : ReferenceRun.COUNTS) {
            Result publisher = run.starter("zeroGcPublisher", count);
            Result injected = run.starter("injectedApplicationEventPublisher", count);
            Result spring = run.sync("springPublishEvent", count);
            switch (count) {
                case "1" -> {
                    row(out, "starter, 1 listener: >= 100x faster than Spring's publishEvent", ratio(spring, publisher)
                            + " (injected publisher " + ratio(spring, injected) + ")",
                            spring.score() / publisher.score() >= 100 && spring.score() / injected.score() >= 100);
                    row(out, "starter, 1 listener: 0 B/op", bytes(publisher.bytesPerOp()) + ", "
                            + bytes(injected.bytesPerOp()), publisher.bytesPerOp() < 0.5 && injected.bytesPerOp() < 0.5);
                    Result engine = run.sync("zeroGcPublish", count);
                    row(out, "starter, 1 listener: within 1.5x of the engine alone", ratio(publisher, engine),
                            publisher.score() / engine.score() <= 1.5);
                    Result direct = run.starter("directCalls", count);
                    row(out, "starter, 1 listener: at most 2x a direct call", ratio(publisher, direct),
                            publisher.score() / direct.score() <= 2);
                }
                case "10" -> row(out, "starter, 10 listeners: >= 150x faster than Spring", ratio(spring, publisher),
                        spring.score() / publisher.score() >= 150);
                default -> {
                    Result direct = run.starter("directCalls", count);
                    row(out, "starter, 500 listeners: within 1.2x of the same calls made directly",
                            ratio(publisher, direct), publisher.score() / direct.score() <= 1.2);
                }
            }
        }
        Result pooled = run.find("PooledPublishBenchmark.pooledEvent");
        Result plain = run.find("PooledPublishBenchmark.newEventPerPublish");
        row(out, "pooled publish within 2x of publishing a new event", ratio(pooled, plain) + " ("
                + ratio(pooled, run.find("PooledPublishBenchmark.newEventThatEscapes")) + " of one that escapes)",
                pooled.score() / plain.score() <= 2);
        for (String others : ReferenceRun.OTHERS) {
            Result pair = run.subscription("zerogcSubscribeClose", others);
            Result guava = run.subscription("guavaRegisterUnregister", others);
            Result spring = run.subscription("springAddRemove", others);
            row(out, "subscribe and close with " + others + " other subscribers: faster than Guava's and Spring's pairs",
                    format(pair.score()) + " ns, " + bytes(pair.bytesPerOp()) + " against " + format(guava.score())
                            + " and " + format(spring.score()) + " ns",
                    pair.score() < guava.score() && pair.score() < spring.score());
        }
        if (!run.batchFlush.isEmpty()) {
            double ours = Double.parseDouble(run.batchFlush.get("flush-events-per-second zerogc flush=batch"));
            double theirs = Double.parseDouble(run.batchFlush.get("flush-events-per-second disruptor flush=batch"));
            double perEvent = Double.parseDouble(run.batchFlush.get("flush-events-per-second zerogc flush=event"));
            row(out, "flushing at endOfBatch: events/s at least the Disruptor's endOfBatch handler's, and above"
                    + " flushing per event", format(ours) + " against " + format(theirs) + " (per event " + format(perEvent)
                    + ")", ours >= theirs && ours > perEvent);
        }
        for (String wait : new String[] {"yielding", "blocking"}) {
            Result ring = run.async("zeroGcRing", wait, 1);
            Result disruptor = run.async("disruptor", wait, 1);
            boolean settled = Math.abs(ring.score() - disruptor.score()) > ring.error() + disruptor.error();
            row(out, "async handoff, 1 producer, " + wait + ": at least the Disruptor's throughput, errors smaller"
                    + " than the difference", ratio(ring, disruptor) + (settled ? ", errors smaller than the difference"
                    : ", errors larger than the difference (+- " + format(ring.error() / 1e6) + " M, +- "
                    + format(disruptor.error() / 1e6) + " M)"), ring.score() >= disruptor.score() && settled);
        }
        Row disruptorRow = run.headline("disruptor");
        for (String peer : new String[] {"zerogc", "starter"}) {
            Row row = run.headline(peer);
            List<Row> runs = run.headlineRuns(peer);
            double slowest = slowest(runs);
            row(out, peer + " at " + format(row.offered()) + " events/s x 500 listeners: achieved = offered in every"
                    + " run", "at least " + format(slowest) + " events/s", slowest >= 0.99 * row.offered());
            row(out, peer + ": median run's p99 at or below the Disruptor's (" + runs.size() + " runs each, taking"
                    + " turns)", micros(row.p99()) + " us against " + micros(disruptorRow.p99()) + " us",
                    row.p99() <= disruptorRow.p99());
            double collections = runs.stream().mapToDouble(Row::gcCount).sum();
            row(out, peer + ": 0 GC at -Xmx256m", count(collections) + " collections in " + runs.size() + " runs",
                    collections == 0);
        }
        for (String peer : new String[] {"zerogc", "starter"}) {
            row(out, peer + ": rate-sweep knee at or above the Disruptor's", format(run.knee(peer)) + " against "
                    + format(run.knee("disruptor")) + " events/s", run.knee(peer) >= run.knee("disruptor"));
            sweepTarget(run, peer, "", out);
        }
        capacityTarget(run, "", out);
        if (run.jdk25 != null) {
            jdk25(run.jdk25, out);
        }
        out.append("\nWhere a target is missed, the explanations below say why and what was tried.\n");
    }

    /** The targets the JDK 25 run measures: one listener, pools, the harness at the headline rate. */
    private static void jdk25(ReferenceRun run, StringBuilder out) {
        Result publisher = run.starter("zeroGcPublisher", "1");
        Result spring = run.sync("springPublishEvent", "1");
        Result direct = run.starter("directCalls", "1");
        row(out, "JDK 25: starter, 1 listener: >= 100x faster than Spring's publishEvent", ratio(spring, publisher),
                spring.score() / publisher.score() >= 100);
        row(out, "JDK 25: starter, 1 listener: at most 2x a direct call, 0 B/op",
                ratio(publisher, direct) + ", " + bytes(publisher.bytesPerOp()),
                publisher.score() / direct.score() <= 2 && publisher.bytesPerOp() < 0.5);
        Result pooled = run.find("PooledPublishBenchmark.pooledEvent");
        Result plain = run.find("PooledPublishBenchmark.newEventPerPublish");
        row(out, "JDK 25: pooled publish within 2x of publishing a new event", ratio(pooled, plain),
                pooled.score() / plain.score() <= 2);
        capacityTarget(run, "JDK 25: ", out);
        Row disruptorRow = run.headline("disruptor");
        for (String peer : new String[] {"zerogc", "starter"}) {
            sweepTarget(run, peer, "JDK 25: ", out);
            Row row = run.headline(peer);
            double slowest = slowest(run.headlineRuns(peer));
            row(out, "JDK 25: " + peer + " at " + format(row.offered()) + " events/s x 500 listeners: achieved ="
                    + " offered in every run, median run's p99 at or below the Disruptor's", "at least "
                    + format(slowest) + " events/s, " + micros(row.p99()) + " us against " + micros(disruptorRow.p99())
                    + " us", slowest >= 0.99 * row.offered() && row.p99() <= disruptorRow.p99());
        }
    }

    private static double slowest(List<Row> runs) {
        return runs.stream().mapToDouble(Row::achieved).min().orElse(0);
    }

    /** The starter's consumer costs no more per event than the engine's alone, nor than the Disruptor's. */
    private static void capacityTarget(ReferenceRun run, String prefix, StringBuilder out) {
        if (run.saturated.isEmpty()) {
            return;
        }
        double starter = run.capacity("starter");
        double engine = run.capacity("zerogc");
        double disruptor = run.capacity("disruptor");
        row(out, prefix + "starter's consumer, saturated: no more per event than the engine's alone or the"
                + " Disruptor's", format(1e9 / starter) + " ns against " + format(1e9 / engine) + " and "
                + format(1e9 / disruptor) + " ns per event", starter >= engine && starter >= disruptor);
    }

    /**
     * At every rate of the sweep the Disruptor sustains, the peer sustains it too, with its median run's p99
     * at or below the Disruptor's median run's.
     */
    private static void sweepTarget(ReferenceRun run, String peer, String prefix, StringBuilder out) {
        List<String> behind = new ArrayList<>();
        int rates = 0;
        for (double rate : run.sweepRates()) {
            if (!run.sustains("disruptor", rate)) {
                continue;
            }
            rates++;
            double ours = run.medianP99(peer, rate);
            double theirs = run.medianP99("disruptor", rate);
            if (!run.sustains(peer, rate) || ours > theirs) {
                behind.add(format(rate) + " (" + micros(ours) + " against " + micros(theirs) + " us)");
            }
        }
        row(out, prefix + peer + ": at every swept rate the Disruptor sustains, sustained with a median p99 at or"
                + " below the Disruptor's", behind.isEmpty() ? "all " + rates + " rates"
                : "behind at " + String.join(", ", behind) + " of " + rates + " rates", behind.isEmpty());
    }

    private static void row(StringBuilder out, String target, String measured, boolean met) {
        out.append("| ").append(target).append(" | ").append(measured).append(" | ").append(met ? "yes" : "**no**")
                .append(" |\n");
    }
}
