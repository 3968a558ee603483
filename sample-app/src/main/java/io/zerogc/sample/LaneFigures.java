package io.zerogc.sample;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import org.springframework.stereotype.Component;

/**
 * The dashboard's figures besides the starter's endpoint, read at one moment: per lane, what it
 * published and what its publishing thread allocated; the Spring lane's delivery latency (the zerogc
 * lane's is in the starter's endpoint); the bytes every live thread has allocated; garbage collections.
 *
 * @param lane the lane the traffic takes or last took
 * @param rate steps per second, 0 when stopped
 * @param zerogc the zerogc lane
 * @param spring the Spring lane
 * @param jvmAllocatedBytes bytes allocated by the JVM's live threads since they started
 * @param gcCount garbage collections since the JVM started
 * @param gcMillis time spent in them
 */
public record LaneFigures(String lane, int rate, Lane zerogc, SpringLaneFigures spring, long jvmAllocatedBytes,
        long gcCount, long gcMillis) {

    /**
     * A lane's counts.
     *
     * @param events events published, quotes and orders
     * @param publisherAllocatedBytes bytes the publishing thread allocated while publishing them
     */
    public record Lane(long events, long publisherAllocatedBytes) {
    }

    /**
     * The Spring lane's counts and latency.
     *
     * @param events events published, quotes and orders
     * @param publisherAllocatedBytes bytes the publishing thread allocated while publishing them
     * @param p50 publish-to-delivery median of the {@code @Async} quote listener, ns, last 20-60 s
     * @param p99 its 99th percentile
     * @param p999 its 99.9th percentile
     */
    public record SpringLaneFigures(long events, long publisherAllocatedBytes, double p50, double p99, double p999) {
    }

    /** Reads the figures. */
    @Component
    public static class Reader {

        private final TrafficGenerator traffic;
        private final SpringLane.Listeners spring;
        private final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        Reader(TrafficGenerator traffic, SpringLane.Listeners spring) {
            this.traffic = traffic;
            this.spring = spring;
        }

        /**
         * The figures now.
         *
         * @return them
         */
        public LaneFigures read() {
            long allocated = 0;
            for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
                allocated += Math.max(0, bytes);
            }
            long gcCount = 0;
            long gcMillis = 0;
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                gcCount += Math.max(0, collector.getCollectionCount());
                gcMillis += Math.max(0, collector.getCollectionTime());
            }
            double[] latency = spring.latencyPercentiles();
            TrafficGenerator.Lane zero = TrafficGenerator.Lane.ZEROGC;
            TrafficGenerator.Lane plain = TrafficGenerator.Lane.SPRING;
            return new LaneFigures(traffic.lane().id(), traffic.rate(),
                    new Lane(traffic.events(zero), traffic.allocatedBytes(zero)),
                    new SpringLaneFigures(traffic.events(plain), traffic.allocatedBytes(plain), latency[0], latency[1],
                            latency[2]), allocated, gcCount, gcMillis);
        }
    }
}
