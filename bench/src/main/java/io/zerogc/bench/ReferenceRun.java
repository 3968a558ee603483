package io.zerogc.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * One reference run as {@code bench/run-all.sh} leaves it in {@code bench/results/}: the JMH JSON files,
 * the latency harness's output, the Kafka harness's {@code key: value} lines and the machine
 * description, parsed, with lookups by benchmark and peer.
 */
final class ReferenceRun {

    /** The listener counts the benchmarks run at. */
    static final String[] COUNTS = {"1", "10", "500"};
    /** The other subscribers of the subscription benchmark. */
    static final String[] OTHERS = {"0", "10", "1000"};
    /** The peers of the latency harness's rate sweep. */
    static final String[] PEERS = {"zerogc", "starter", "disruptor"};

    private final Map<String, Result> all = new LinkedHashMap<>();
    final List<Row> headline = new ArrayList<>();
    final List<Row> sweep = new ArrayList<>();
    /** The harness offered more than any peer takes, so what each achieved is its consumer's capacity. */
    final List<Row> saturated = new ArrayList<>();
    final Map<String, String> machine = new LinkedHashMap<>();
    /** KafkaHarness's {@code key: value} lines. */
    final Map<String, String> kafka = new LinkedHashMap<>();
    /** The batch flush harness's {@code key: value} lines; empty if the run has none. */
    final Map<String, String> batchFlush = new LinkedHashMap<>();
    double p99Bound;
    /** The same jar's run on JDK 25 (a subset: one listener, pools, the harness), from {@code jdk25/}; or null. */
    ReferenceRun jdk25;

    /** The subdirectory of the results that holds the JDK 25 run. */
    static final String JDK25 = "jdk25";

    /** One JMH result: score, error and allocation per operation. */
    record Result(double score, double error, String unit, double bytesPerOp, int forks, List<Double> forkMeans) {
    }

    /** One latency harness run; latencies in microseconds; {@code stealMillis} -1 where the run did not record it. */
    record Row(String peer, double offered, double delivered, double achieved, double p50, double p99,
            double p999, double max, double gcCount, double gcMillis, double stealMillis) {
    }

    private ReferenceRun() {
    }

    /**
     * Reads a reference run.
     *
     * @param results the directory holding it
     * @return the run
     * @throws IOException if a file cannot be read
     */
    static ReferenceRun read(Path results) throws IOException {
        ReferenceRun report = new ReferenceRun();
        try (var files = Files.list(results)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                report.readJmh(file);
            }
        }
        for (String line : Files.readAllLines(results.resolve("machine.txt"))) {
            String[] pair = line.split(": ", 2);
            if (pair.length == 2) {
                report.machine.put(pair[0], pair[1]);
            }
        }
        if (Files.exists(results.resolve("kafka.txt"))) {
            for (String line : Files.readAllLines(results.resolve("kafka.txt"))) {
                String[] pair = line.split(": ", 2);
                if (pair.length == 2) {
                    report.kafka.put(pair[0], pair[1]);
                }
            }
        }
        if (Files.exists(results.resolve("batch-flush.txt"))) {
            for (String line : Files.readAllLines(results.resolve("batch-flush.txt"))) {
                String[] pair = line.split(": ", 2);
                if (pair.length == 2) {
                    report.batchFlush.put(pair[0], pair[1]);
                }
            }
        }
        readHarness(results.resolve("harness.txt"), report.headline);
        if (Files.exists(results.resolve("saturated.txt"))) {
            readHarness(results.resolve("saturated.txt"), report.saturated);
        }
        List<String> sweepLines = readHarness(results.resolve("sweep.txt"), report.sweep);
        report.p99Bound = sweepLines.stream().filter(l -> l.startsWith("p99-bound-us: ")).findFirst()
                .map(l -> Double.parseDouble(l.substring("p99-bound-us: ".length()))).orElse(10_000.0);
        if (Files.isDirectory(results.resolve(JDK25))) {
            report.jdk25 = read(results.resolve(JDK25));
        }
        return report;
    }

    private void readJmh(Path file) throws IOException {
        String source = file.getFileName().toString().replace(".json", "");
        for (JsonNode run : new ObjectMapper().readTree(file.toFile())) {
            String name = run.get("benchmark").asString();
            String key = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            JsonNode params = run.get("params");
            if (params != null) {
                for (var entry : params.properties()) {
                    key += "[" + entry.getKey() + "=" + entry.getValue().asString() + "]";
                }
            }
            key += "@" + source;
            JsonNode primary = run.get("primaryMetric");
            JsonNode secondary = run.get("secondaryMetrics");
            JsonNode alloc = secondary == null ? null : secondary.get("gc.alloc.rate.norm");
            List<Double> forkMeans = new ArrayList<>();
            for (JsonNode fork : primary.get("rawData")) {
                double sum = 0;
                for (JsonNode iteration : fork) {
                    sum += iteration.asDouble();
                }
                forkMeans.add(sum / fork.size());
            }
            all.put(key, new Result(number(primary.get("score")), number(primary.get("scoreError")),
                    primary.get("scoreUnit").asString(), alloc == null ? Double.NaN : number(alloc.get("score")),
                    run.get("forks").asInt(), forkMeans));
            machine.putIfAbsent("JVM", run.get("vmName").asString() + " " + run.get("jdkVersion").asString());
        }
    }

    /** A JMH number; JMH writes "NaN" as a string (an error with a single measurement, say). */
    private static double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : Double.NaN;
    }

    private static List<String> readHarness(Path file, List<Row> rows) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (String line : lines) {
            String[] cells = line.split("\\|");
            if ((cells.length == 11 || cells.length == 12) && !cells[1].isBlank()
                    && Character.isDigit(cells[2].trim().charAt(0))) {
                double[] v = new double[10];
                v[9] = -1;
                for (int i = 0; i < cells.length - 2; i++) {
                    v[i] = Double.parseDouble(cells[i + 2].trim().replace(",", ""));
                }
                rows.add(new Row(cells[1].trim(), v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]));
            }
        }
        return lines;
    }

    Result find(String prefix) {
        return all.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new IllegalStateException("no result for " + prefix));
    }

    /** Whether the run has a result of the benchmark (one measured apart may be missing). */
    boolean has(String prefix) {
        return all.keySet().stream().anyMatch(key -> key.startsWith(prefix));
    }

    Result traced(String variant, String mode) {
        return find("TracedPublishBenchmark." + variant + "[mode=" + mode + "]");
    }

    Result subscription(String variant, String others) {
        return find("SubscriptionBenchmark." + variant + "[others=" + others + "]");
    }

    Result sync(String variant, String count) {
        return find("SyncDispatchBenchmark." + variant + "[listeners=" + count + "]");
    }

    Result starter(String variant, String count) {
        return find("StarterPublishBenchmark." + variant + "[listeners=" + count + "]");
    }

    Result async(String variant, String wait, int producers) {
        String suffix = "@async-" + producers;
        return all.entrySet().stream().filter(e -> e.getKey().startsWith("AsyncHandoffBenchmark." + variant)
                && e.getKey().endsWith(suffix) && (wait == null || e.getKey().contains("[waitStrategy=" + wait + "]")))
                .map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new IllegalStateException("no result for " + variant + " " + wait + suffix));
    }

    /**
     * The peer's median run at the headline rate, by p99: with one run, that run. Runs on two cores spread
     * by an order of magnitude from one to the next, for every peer, so one run says little.
     */
    Row headline(String peer) {
        List<Row> runs = headlineRuns(peer);
        if (runs.isEmpty()) {
            throw new IllegalStateException("no harness row for " + peer);
        }
        return median(runs, Comparator.comparingDouble(Row::p99));
    }

    /** The peer's runs at the headline rate, in the order they ran. */
    List<Row> headlineRuns(String peer) {
        return headline.stream().filter(r -> r.peer().equals(peer)).toList();
    }

    /** How many runs the headline rate had per peer. */
    long headlineRepeats() {
        Row first = headline.get(0);
        return headline.stream().filter(r -> r.peer().equals(first.peer())).count();
    }

    /** The median p99 of the peer's runs at one rate of the sweep, in microseconds. */
    double medianP99(String peer, double rate) {
        return median(sweep.stream().filter(r -> r.peer().equals(peer) && r.offered() == rate).toList(),
                Comparator.comparingDouble(Row::p99)).p99();
    }

    /**
     * The median of the peer's saturated runs' achieved rates: how many events a second its consumer
     * delivers to the 500 listeners and the probe when it never waits; 0 without saturated runs.
     */
    double capacity(String peer) {
        List<Row> runs = saturated.stream().filter(r -> r.peer().equals(peer)).toList();
        return runs.isEmpty() ? 0 : median(runs, Comparator.comparingDouble(Row::achieved)).achieved();
    }

    /** The middle of the runs in the given order (the upper middle of an even count). */
    private static Row median(List<Row> runs, Comparator<Row> order) {
        return runs.stream().sorted(order).toList().get(runs.size() / 2);
    }

    /** The sweep's offered rates, in the order they ran. */
    List<Double> sweepRates() {
        return sweep.stream().map(Row::offered).distinct().toList();
    }

    /** Whether the peer sustained most of its runs at the rate. */
    boolean sustains(String peer, double rate) {
        List<Row> runs = sweep.stream().filter(r -> r.peer().equals(peer) && r.offered() == rate).toList();
        return 2 * runs.stream().filter(this::sustained).count() > runs.size();
    }

    /** The highest offered rate most of whose runs the peer sustained; 0 if none. */
    double knee(String peer) {
        return sweep.stream().filter(r -> r.peer().equals(peer)).mapToDouble(Row::offered).distinct()
                .filter(rate -> sustains(peer, rate)).max().orElse(0);
    }

    long repeats() {
        Row first = sweep.get(0);
        return sweep.stream().filter(r -> r.peer().equals(first.peer()) && r.offered() == first.offered()).count();
    }

    boolean sustained(Row row) {
        return row.achieved() >= 0.99 * row.offered() && row.p99() <= p99Bound;
    }

    String runLine() {
        return "One reference run: " + machine.get("cores") + " cores (" + machine.get("cpu") + "), "
                + machine.get("JVM") + ", " + machine.get("date") + ", files in `bench/results/`"
                + (machine.containsKey("kept") ? " (" + machine.get("kept") + ")" : "") + remeasured();
    }

    /** The parts measured again on a later day than the run ({@code date <part>: <day>} in machine.txt). */
    private String remeasured() {
        StringBuilder parts = new StringBuilder();
        machine.forEach((key, day) -> {
            if (key.startsWith("date ")) {
                parts.append(parts.length() == 0 ? " (measured again: " : ", ").append(key.substring(5))
                        .append(" on ").append(day);
            }
        });
        return parts.length() == 0 ? "" : parts.append(")").toString();
    }
}
