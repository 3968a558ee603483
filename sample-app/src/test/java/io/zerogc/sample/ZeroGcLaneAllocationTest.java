package io.zerogc.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The zerogc lane allocates nothing per event on its publishing thread, the events included: the
 * sample's own traffic generator measures its thread with {@code ThreadMXBean#getCurrentThreadAllocatedBytes}
 * while it publishes pooled quotes and orders through the starter (ring, pools and latency sampling on,
 * as the sample configures them).
 */
@SpringBootTest
class ZeroGcLaneAllocationTest {

    @Autowired
    TrafficGenerator traffic;

    @AfterEach
    void stopTraffic() {
        traffic.stop();
    }

    @Test
    void thePublishingThreadAllocatesNothingPerEvent() {
        TrafficGenerator.Lane lane = TrafficGenerator.Lane.ZEROGC;
        traffic.start(lane, 200_000);
        long warm = traffic.events(lane) + 400_000; // routes built, pools filled, code compiled
        await().atMost(Duration.ofSeconds(60)).until(() -> traffic.events(lane) >= warm);
        long eventsBefore = traffic.events(lane);
        long bytesBefore = traffic.allocatedBytes(lane);

        await().atMost(Duration.ofSeconds(60)).until(() -> traffic.events(lane) >= eventsBefore + 1_000_000);
        long events = traffic.events(lane) - eventsBefore;
        long bytes = traffic.allocatedBytes(lane) - bytesBefore;

        assertThat((double) bytes / events).as("%,d bytes over %,d events", bytes, events).isLessThan(0.01);
    }

    /**
     * With no browser polling, a minute of zerogc traffic at 100,000 steps per second costs the whole JVM no
     * garbage collection at the default heap: what still allocates (Tomcat's and the JVM's own threads) is
     * far below what would fill the young generation in a minute.
     */
    @Test
    void aMinuteOfTrafficCostsTheJvmNoCollection() {
        TrafficGenerator.Lane lane = TrafficGenerator.Lane.ZEROGC;
        traffic.start(lane, 100_000);
        long warm = traffic.events(lane) + 400_000;
        await().atMost(Duration.ofSeconds(60)).until(() -> traffic.events(lane) >= warm);
        // Startup's and earlier tests' garbage out of the way: the minute starts with an empty young generation.
        System.gc();
        long collections = collections();
        long allocated = jvmAllocatedBytes();
        long events = traffic.events(lane);
        long start = System.nanoTime();

        await().during(Duration.ofSeconds(60)).atMost(Duration.ofSeconds(75)).until(() -> collections() == collections);
        double seconds = (System.nanoTime() - start) / 1e9;
        double perSecond = (jvmAllocatedBytes() - allocated) / seconds;
        System.out.printf("a minute of zerogc traffic: %,d events, no collection, the JVM allocated %,.0f B/s%n",
                traffic.events(lane) - events, perSecond);
        assertThat(traffic.events(lane) - events).as("events published in the minute").isGreaterThan(3_000_000);
        assertThat(perSecond).as("bytes per second the whole JVM allocated").isLessThan(200_000);
    }

    private static long collections() {
        long count = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, collector.getCollectionCount());
        }
        return count;
    }

    /** Bytes the live threads have allocated: threads that ended meanwhile drop out, which only lowers it. */
    private static long jvmAllocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long bytes = 0;
        for (long each : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            bytes += Math.max(0, each);
        }
        return bytes;
    }
}
