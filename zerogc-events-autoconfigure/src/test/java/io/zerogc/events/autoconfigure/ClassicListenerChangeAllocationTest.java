package io.zerogc.events.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.ZeroGcListener;
import io.zerogc.events.support.AllocationMeter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.event.ContextRefreshedEvent;

/**
 * Adding and removing a classic listener at run time makes the engine ask the bridge again which classes
 * classic listeners want: on the thread that changed the listeners, not on the next publish of every
 * class, so publishing stays at 0 B through listener changes. Surefire also runs this class with
 * {@code -XX:-DoEscapeAnalysis}.
 */
class ClassicListenerChangeAllocationTest {

    private static final int ROUNDS = 1_000;

    record R0(int n) {
    }

    record R1(int n) {
    }

    record R2(int n) {
    }

    record R3(int n) {
    }

    record R4(int n) {
    }

    record R5(int n) {
    }

    record R6(int n) {
    }

    record R7(int n) {
    }

    record R8(int n) {
    }

    record R9(int n) {
    }

    record R10(int n) {
    }

    record R11(int n) {
    }

    record R12(int n) {
    }

    record R13(int n) {
    }

    record R14(int n) {
    }

    record R15(int n) {
    }

    /** A classic listener of an unrelated type (a class, so that Spring resolves which events it takes). */
    static final class Refreshed implements ApplicationListener<ContextRefreshedEvent> {

        @Override
        public void onApplicationEvent(ContextRefreshedEvent event) {
        }
    }

    /** One compiled listener for every class. */
    static class Counting {

        long seen;

        @ZeroGcListener
        public void on(Object event) {
            if (event instanceof Record) { // Spring's own lifecycle events come here too
                seen++;
            }
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ZeroGcEventsAutoConfiguration.class)).withBean(Counting.class);

    @Test
    void publishingAllocatesNothingRightAfterAClassicListenerIsAddedOrRemoved() {
        runner.run(context -> {
            ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
            ApplicationEventMulticaster multicaster = context.getBean(ApplicationEventMulticaster.class);
            Object[] events = { new R0(0), new R1(1), new R2(2), new R3(3), new R4(4), new R5(5), new R6(6), new R7(7), new R8(8), new R9(9), new R10(10), new R11(11), new R12(12), new R13(13), new R14(14), new R15(15) };
            for (int warm = 0; warm < 100; warm++) {
                publishAll(publisher, events);
            }
            ApplicationListener<ContextRefreshedEvent> unrelated = new Refreshed();
            List<Long> windows = new ArrayList<>();

            for (int change = 0; change < 6; change++) {
                if (change % 2 == 0) {
                    multicaster.addApplicationListener(unrelated);
                }
                else {
                    multicaster.removeApplicationListener(unrelated);
                }
                long start = AllocationMeter.start();
                publishAll(publisher, events);
                windows.add(AllocationMeter.bytesSince(start));
            }

            assertThat(windows).as("bytes per window of %d publishes of %d classes, after each change", ROUNDS,
                    events.length).allSatisfy(bytes -> assertThat(bytes).isLessThanOrEqualTo(1024)).contains(0L);
            assertThat(context.getBean(Counting.class).seen).isEqualTo(106L * ROUNDS * events.length);
        });
    }

    private static void publishAll(ZeroGcEventPublisher publisher, Object[] events) {
        for (int round = 0; round < ROUNDS; round++) {
            for (Object event : events) {
                publisher.publish(event);
            }
        }
    }
}
