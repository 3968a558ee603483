package com.acme.async;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerogc.events.ZeroGcEventPublisher;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

// tag::test[]
@SpringBootTest(properties = "zerogc.events.async.enabled=true")
class ShippingTest {

    @Autowired
    ZeroGcEventPublisher events;

    @Autowired
    AuditTrail audit;

    @Test
    void everyShipmentIsAudited() throws InterruptedException {
        events.publish(new OrderShipped(1, 2));
        events.publish(new OrderShipped(2, 1));

        assertThat(events.awaitDelivery(Duration.ofSeconds(5))).isTrue(); // no sleep: waits for the consumers
        assertThat(audit.recorded()).isEqualTo(2);
    }
}
// end::test[]
