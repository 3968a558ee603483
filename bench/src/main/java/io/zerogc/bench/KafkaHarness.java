package io.zerogc.bench;

import io.zerogc.events.Delivery;
import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.ZeroGcListener;
import io.zerogc.events.autoconfigure.ZeroGcEventsAutoConfiguration;
import io.zerogc.events.autoconfigure.kafka.KafkaEventsAutoConfiguration;
import io.zerogc.events.autoconfigure.kafka.KafkaStatistics;
import io.zerogc.events.autoconfigure.kafka.KafkaStatisticsSource;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Events externalized to Kafka: how many per second a relay sends to a broker (embedded, KRaft, on this
 * machine) with and without batching, and what publishing costs the publishing thread with the Kafka
 * integration on and off, in the same run. Prints {@code key: value} lines that {@link ResultsReport}
 * reads from {@code results/kafka.txt}.
 *
 * <p>Throughput: {@code events} pooled ticks published back to back (the ring blocks the publisher when
 * the relay falls behind) until the broker has acknowledged the last. Publishing cost: bursts of 1,000
 * publishes timed as a whole (so the clock's own cost is spread over 1,000), each burst fitting in the
 * ring, the relay draining it before the next; bytes from the publishing thread's allocation counter.
 *
 * <p>Latency: ticks published at a fixed rate, each one's publish-to-receive time at a plain consumer of
 * the topic (the same consumer for every variant, so what differs is how long the record waited on the
 * sending side), with the relays flushing at the end of a batch and without, and with {@code linger.ms=0}.
 *
 * <p>Outage: ticks externalized and a local type with an asynchronous listener, both at a fixed rate; the
 * local listener's publish-to-delivery p99 with the broker up, then with it stopped (a broker of its own,
 * stopped mid-run), in the same run, and what was dropped on each side.
 */
public final class KafkaHarness {

    private static final int BURST = 1_000;
    private static final Duration BOUND = Duration.ofMinutes(5);
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private KafkaHarness() {
    }

    /**
     * The application: a local listener of the tick, as an application would have, and the three
     * auto-configurations it needs, named (nothing else of Boot's starts).
     */
    @SpringBootConfiguration
    @ImportAutoConfiguration({KafkaAutoConfiguration.class, ZeroGcEventsAutoConfiguration.class,
            KafkaEventsAutoConfiguration.class})
    @Import(Sink.class)
    static class App {
    }

    /** The application with an asynchronous listener of the tick as well: the ring handoff without Kafka. */
    @SpringBootConfiguration
    @ImportAutoConfiguration({KafkaAutoConfiguration.class, ZeroGcEventsAutoConfiguration.class,
            KafkaEventsAutoConfiguration.class})
    @Import({Sink.class, AsyncSink.class})
    static class AsyncApp {
    }

    /** Counts ticks on a ring consumer thread, as a relay would take them, without sending them anywhere. */
    public static class AsyncSink {

        long seen;

        /**
         * Counts a tick.
         *
         * @param tick the tick
         */
        @ZeroGcListener(delivery = Delivery.ASYNC)
        public void on(KafkaTick tick) {
            seen++;
        }
    }

    /** The outage run's application: the externalized tick, and a local type's asynchronous listener. */
    @SpringBootConfiguration
    @ImportAutoConfiguration({KafkaAutoConfiguration.class, ZeroGcEventsAutoConfiguration.class,
            KafkaEventsAutoConfiguration.class})
    @Import({Sink.class, LocalLatency.class})
    static class OutageApp {
    }

    /**
     * A local event: never externalized.
     *
     * @param publishedAt {@code System.nanoTime()} at publish
     */
    public record LocalQuote(long publishedAt) {
    }

    /** Records each local quote's publish-to-delivery time on its consumer. */
    public static class LocalLatency {

        final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        volatile long seen;

        /**
         * Records a quote's latency.
         *
         * @param quote the quote
         */
        @ZeroGcListener(delivery = Delivery.ASYNC)
        public void on(LocalQuote quote) {
            latency.recordValue(Math.min(System.nanoTime() - quote.publishedAt(), latency.getHighestTrackableValue()));
            seen++;
        }
    }

    /** Counts ticks on the publishing thread, with Kafka on and off alike. */
    public static class Sink {

        long seen;

        /**
         * Counts a tick.
         *
         * @param tick the tick
         */
        @ZeroGcListener(delivery = Delivery.SYNC)
        public void on(KafkaTick tick) {
            seen++;
        }
    }

    /**
     * Runs the harness.
     *
     * @param args {@code --events=N} (default 2,000,000), {@code --bursts=N} (default 5,000),
     *     {@code --latency-seconds=N} (each latency run, after a warm-up of up to 2 s; default 5)
     * @throws Exception if the broker or a context fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = HarnessOptions.parse(Map.of("events", "2000000", "bursts", "5000",
                "latency-seconds", "5"), args);
        Duration measured = Duration.ofSeconds(Integer.parseInt(options.get("latency-seconds")));
        Duration warmUp = measured.compareTo(Duration.ofSeconds(2)) < 0 ? measured : Duration.ofSeconds(2);
        int events = Integer.parseInt(options.get("events"));
        int bursts = Integer.parseInt(options.get("bursts"));
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3, "ticks");
        broker.afterPropertiesSet();
        try {
            System.out.println("date: " + java.time.LocalDate.now(java.time.ZoneOffset.UTC));
            System.out.println("events: " + events);
            System.out.println("jvm: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
            for (String batching : List.of("linger.ms=0 batch.size=16384", "linger.ms=5 batch.size=65536")) {
                for (boolean flush : List.of(true, false)) {
                    try (ConfigurableApplicationContext context = start(broker, true, batching, App.class,
                            "zerogc.events.kafka.flush-at-end-of-batch=" + flush)) {
                        throughput(context, Math.max(events / 10, 1_000)); // warm-up
                        System.out.printf("externalized-per-second %s%s: %.0f%n", batching,
                                flush ? " flush-at-end-of-batch" : "", throughput(context, events));
                    }
                }
            }
            for (String variant : List.of("linger.ms=5 flush-at-end-of-batch", "linger.ms=5", "linger.ms=0")) {
                String linger = variant.split(" ")[0];
                try (ConfigurableApplicationContext context = start(broker, true, linger + " batch.size=65536",
                        App.class, "zerogc.events.kafka.flush-at-end-of-batch=" + variant.endsWith("batch"))) {
                    for (int rate : List.of(1_000, 50_000)) {
                        receiveLatency(context, broker, rate, warmUp);
                        Histogram latency = receiveLatency(context, broker, rate, measured);
                        System.out.printf("receive-p50-us rate=%d %s: %.0f%n", rate, variant,
                                latency.getValueAtPercentile(50) / 1e3);
                        System.out.printf("receive-p99-us rate=%d %s: %.0f%n", rate, variant,
                                latency.getValueAtPercentile(99) / 1e3);
                    }
                }
            }
            for (String variant : List.of("off", "off-with-async-listener", "on")) {
                try (ConfigurableApplicationContext context = start(broker, variant.equals("on"),
                        "linger.ms=5 batch.size=65536", variant.equals("off") ? App.class : AsyncApp.class)) {
                    publishingCost(context, bursts / 2); // warm-up
                    double[] cost = publishingCost(context, bursts);
                    String on = variant;
                    System.out.printf("publish-ns-median kafka=%s: %.1f%n", on, cost[0]);
                    System.out.printf("publish-ns-p90 kafka=%s: %.1f%n", on, cost[1]);
                    System.out.printf("publish-bytes kafka=%s: %.3f%n", on, cost[2]);
                }
            }
        }
        finally {
            broker.destroy();
        }
        outage();
    }

    /** The outage run, on a broker of its own that it stops half way. */
    private static void outage() throws Exception {
        int rate = 20_000;
        Duration phase = Duration.ofSeconds(5);
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3, "ticks");
        broker.afterPropertiesSet();
        try (ConfigurableApplicationContext context = start(broker, true, "linger.ms=5 batch.size=65536",
                OutageApp.class, "spring.kafka.producer.properties.max.block.ms=1000",
                "zerogc.events.kafka.outbound-overflow=drop")) {
            ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
            LocalLatency local = context.getBean(LocalLatency.class);
            System.out.println("outage-rate: " + rate);
            paced(publisher, rate, Duration.ofSeconds(2)); // warm-up
            for (String broken : List.of("up", "down")) {
                if (broken.equals("down")) {
                    broker.destroy();
                }
                awaitLocal(local);
                local.latency.reset();
                paced(publisher, rate, phase);
                awaitLocal(local);
                System.out.printf("outage-local-p99-us broker=%s: %.1f%n", broken,
                        local.latency.getValueAtPercentile(99) / 1e3);
                System.out.printf("outage-local-max-us broker=%s: %.1f%n", broken, local.latency.getMaxValue() / 1e3);
            }
            io.zerogc.events.dispatch.EventDispatcher dispatcher =
                    ((io.zerogc.events.autoconfigure.DispatchingEventPublisher) publisher).dispatcher();
            System.out.println("outage-local-dropped: " + dispatcher.statistics().count(LocalQuote.class,
                    io.zerogc.events.dispatch.DispatchStatistics.Figure.DROPPED));
            KafkaStatistics.Outbound relay = context.getBean(KafkaStatisticsSource.class).kafkaStatistics().outbound()
                    .get(0);
            System.out.println("outage-relay-dropped: " + relay.dropped());
        }
    }

    /**
     * Publishes ticks at a fixed rate for a while, and times each from its publish to its arrival at a plain
     * consumer of the topic, which reads the tick's sequence number from its JSON.
     */
    private static Histogram receiveLatency(ConfigurableApplicationContext context, EmbeddedKafkaKraftBroker broker,
            int rate, Duration duration) throws Exception {
        ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
        int count = (int) (rate * duration.toSeconds());
        long[] publishedAt = new long[count];
        Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        Map<String, Object> configuration = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(configuration)) {
            List<TopicPartition> partitions = consumer.partitionsFor("ticks").stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // the ends now, before the first tick
            long base = KafkaTick.sequence;
            Thread publishing = new Thread(() -> {
                long start = System.nanoTime();
                int seq = 0;
                while (seq < count) {
                    long due = Math.min(count, (System.nanoTime() - start) * rate / 1_000_000_000L);
                    for (; seq < due; seq++) {
                        publishedAt[seq] = System.nanoTime();
                        publish(publisher, base + seq);
                    }
                    LockSupport.parkNanos(20_000);
                }
            }, "paced-publisher");
            publishing.start();
            int received = 0;
            long deadline = System.nanoTime() + duration.toNanos() + BOUND.toNanos();
            while (received < count && System.nanoTime() - deadline < 0) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    int seq = (int) (KafkaTick.seqOf(record.value()) - base);
                    if (seq >= 0 && seq < count) {
                        latency.recordValue(Math.min(now - publishedAt[seq], latency.getHighestTrackableValue()));
                        received++;
                    }
                }
            }
            publishing.join();
            KafkaTick.sequence = base + count;
            if (received < count) {
                throw new IllegalStateException("received " + received + " of " + count + " ticks within " + BOUND);
            }
        }
        return latency;
    }

    /** Publishes a tick and a local quote {@code rate} times a second for a while. */
    private static void paced(ZeroGcEventPublisher publisher, int rate, Duration duration) {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long seq = 0;
        long now;
        while ((now = System.nanoTime()) - end < 0) {
            long due = (now - start) * rate / 1_000_000_000L;
            for (; seq < due; seq++) {
                publish(publisher, seq);
                publisher.publish(new LocalQuote(System.nanoTime()));
            }
            LockSupport.parkNanos(50_000);
        }
    }

    private static void awaitLocal(LocalLatency local) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        long seen;
        do { // the relays' consumer may lag with the broker down: wait for the local listener's alone
            seen = local.seen;
            LockSupport.parkNanos(20_000_000);
        }
        while (local.seen != seen && System.nanoTime() - deadline < 0);
    }

    private static ConfigurableApplicationContext start(EmbeddedKafkaKraftBroker broker, boolean kafka,
            String batching, Class<?> application, String... more) {
        List<String> properties = new ArrayList<>(List.of(
                "spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "spring.main.banner-mode=off", "logging.level.root=warn",
                "zerogc.events.async.enabled=true", "zerogc.events.async.ring-size=4096",
                "zerogc.events.pool.enabled=true", "zerogc.events.pool.size=8192",
                "zerogc.events.kafka.enabled=" + kafka,
                "zerogc.events.kafka.outbound[" + KafkaTick.class.getName() + "].topic=ticks",
                "zerogc.events.kafka.outbound[" + KafkaTick.class.getName() + "].key=#{symbol}",
                // Throughput runs publish faster than any broker takes: the relays wait for room, nothing dropped.
                "zerogc.events.kafka.outbound-overflow=block", "zerogc.events.kafka.outbound-block-timeout=5m"));
        properties.addAll(List.of(more));
        for (String setting : batching.split(" ")) {
            properties.add("spring.kafka.producer.properties." + setting);
        }
        return new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
                .properties(properties.toArray(String[]::new)).run();
    }

    /** Publishes back to back and waits for the broker's acknowledgement of the last: events per second. */
    private static double throughput(ConfigurableApplicationContext context, int events) {
        ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
        KafkaStatisticsSource statistics = context.getBean(KafkaStatisticsSource.class);
        long before = sent(statistics);
        long start = System.nanoTime();
        for (long seq = 0; seq < events; seq++) {
            publish(publisher, seq);
        }
        long deadline = start + BOUND.toNanos();
        while (sent(statistics) - before < events) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the broker acknowledged " + (sent(statistics) - before) + " of "
                        + events + " within " + BOUND + ": " + statistics.kafkaStatistics());
            }
            LockSupport.parkNanos(100_000);
        }
        return events / ((System.nanoTime() - start) / 1e9);
    }

    private static long sent(KafkaStatisticsSource statistics) {
        KafkaStatistics figures = statistics.kafkaStatistics();
        long failed = figures.outbound().get(0).externalizeFailed();
        if (failed > 0) {
            throw new IllegalStateException(failed + " events could not be sent: " + figures);
        }
        return figures.outbound().get(0).externalized();
    }

    /** Median and p90 of the bursts' mean ns per publish, and bytes per publish. */
    private static double[] publishingCost(ConfigurableApplicationContext context, int bursts) throws Exception {
        ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
        double[] perPublish = new double[bursts];
        long bytes = 0;
        long seq = 0;
        for (int burst = 0; burst < bursts; burst++) {
            long allocated = THREADS.getCurrentThreadAllocatedBytes();
            long start = System.nanoTime();
            for (int i = 0; i < BURST; i++) {
                publish(publisher, seq++);
            }
            long elapsed = System.nanoTime() - start;
            bytes += THREADS.getCurrentThreadAllocatedBytes() - allocated;
            perPublish[burst] = (double) elapsed / BURST;
            if (!publisher.awaitDelivery(BOUND)) {
                throw new IllegalStateException("the relay did not drain the ring within " + BOUND);
            }
        }
        Arrays.sort(perPublish);
        return new double[] {perPublish[bursts / 2], perPublish[bursts * 9 / 10], (double) bytes / ((long) bursts * BURST)};
    }

    private static void publish(ZeroGcEventPublisher publisher, long seq) {
        KafkaTick tick = publisher.borrow(KafkaTick.class);
        KafkaTick.fill(tick, "ACME", seq);
        publisher.publish(tick);
    }
}
