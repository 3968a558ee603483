package io.zerogc.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
}
