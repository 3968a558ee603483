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
            // A window may see a one-off JIT event (a deoptimisation rematerialising an object or two); a
            // per-event allocation would cost at least 16 B x 200,000 = 3.2 MB in every window.
            long least = Long.MAX_VALUE;
            for (int window = 0; window < 3 && least > 0; window++) {
                long before = THREADS.getCurrentThreadAllocatedBytes();
                publishAll(publisher, ticks);
                least = Math.min(least, THREADS.getCurrentThreadAllocatedBytes() - before);
            }

            assertThat(pricing.lastTick()).isEqualTo(2);
            assertThat(least).as("bytes allocated publishing %d events, least of up to 3 windows", EVENTS)
                    .isLessThan(EVENTS / 100);
        }
    }

    private static void publishAll(ZeroGcEventPublisher publisher, PriceTick[] ticks) {
        for (int i = 0; i < EVENTS; i++) {
            publisher.publish(ticks[i & 1]);
        }
    }
}
