package io.zerogc.events.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerogc.events.Delivery;
import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.ZeroGcListener;
import io.zerogc.events.dispatch.DispatchStatistics;
import io.zerogc.events.support.AllocationMeter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The drop-warning thread's once-a-second look costs the same with hundreds of listeners as with one: it
 * reads two counts per published type, not the endpoint's statistics of every listener, which with 400
 * listeners allocated hundreds of kilobytes a second and brought young collections into runs that
 * publish without allocating.
 */
class DropWarningsAllocationTest {

    private static final int LISTENERS = 400;
    private static final int LOOKS = 50;

    record Tick(long n) {
    }

    record Quote(long n) {
    }

    /** One of many asynchronous listeners of one type. */
    static final class Counting {

        long seen;

        @ZeroGcListener(delivery = Delivery.ASYNC)
        void on(Tick tick) {
            seen++;
        }
    }

    @Test
    void aLookAtTheCountsAllocatesAFewHundredBytesWhateverTheListenerCount() {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ZeroGcEventsAutoConfiguration.class))
                .withPropertyValues("zerogc.events.async.enabled=true");
        for (int i = 0; i < LISTENERS; i++) {
            runner = runner.withBean("counting" + i, Counting.class, Counting::new);
        }
        runner.run(context -> {
            ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
            publisher.publish(new Tick(1));
            publisher.publish(new Quote(1));
            DropWarnings warnings = context.getBean(DropWarnings.class);
            DispatchStatistics statistics = context.getBean(DispatchingEventPublisher.class).dispatcher()
                    .statistics();
            for (int i = 0; i < LOOKS; i++) { // warm-up, and the first look's map entries
                warnings.tell();
                statistics.eventTypes();
            }

            long start = AllocationMeter.start();
            for (int i = 0; i < LOOKS; i++) {
                warnings.tell();
            }
            long perLook = AllocationMeter.bytesSince(start) / LOOKS;

            start = AllocationMeter.start();
            for (int i = 0; i < LOOKS; i++) {
                statistics.eventTypes();
            }
            long perSnapshot = AllocationMeter.bytesSince(start) / LOOKS;

            assertThat(perLook).as("bytes per look at the drop counts").isLessThan(1_024);
            assertThat(perSnapshot).as("bytes per snapshot of every listener's statistics, what it used to read")
                    .isGreaterThan(LISTENERS * 64L);
        });
    }
}
