package io.zerogc.events.modulith;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerogc.events.ZeroGcEventPublisher;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With Modulith's registry behind the starter's multicaster, compiled listeners still cost the publishing
 * thread nothing: an event class only they want never reaches Modulith's multicaster. Also run without
 * escape analysis (the module's second surefire execution).
 */
class RegistryAllocationTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int EVENTS = 200_000;

    @Test
    void publishingAnEventOnlyCompiledListenersWantAllocatesNothing() {
        try (ConfigurableApplicationContext context = RegistryApplications.start(true, "allocation")) {
            ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
            Pricing pricing = context.getBean(Pricing.class);
            PriceTick[] ticks = {new PriceTick(1), new PriceTick(2)};
            for (int round = 0; round < 5; round++) { // warm-up: the publish path compiled
                publishAll(publisher, ticks);
            }
            long before = THREADS.getCurrentThreadAllocatedBytes();
            publishAll(publisher, ticks);
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;

            assertThat(pricing.lastTick()).isEqualTo(2);
            // The counter's own reading may cost a few dozen bytes, once; per event it is 0.
            assertThat(allocated).as("bytes allocated publishing %d events", EVENTS).isLessThan(EVENTS / 100);
        }
    }

    private static void publishAll(ZeroGcEventPublisher publisher, PriceTick[] ticks) {
        for (int i = 0; i < EVENTS; i++) {
            publisher.publish(ticks[i & 1]);
        }
    }
}
