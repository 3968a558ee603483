package io.zerogc.events.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.ZeroGcListener;
import io.zerogc.events.support.AllocationMeter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;

/**
 * Publishing allocates nothing on the publishing thread once warm. Surefire also runs this class with
 * {@code -XX:-DoEscapeAnalysis}, so it cannot pass only because the JIT scalar-replaced something.
 */
class ZeroAllocationPublishTest {

    private static final int WARM_UP_ROUND = 100_000;
    private static final int MAX_WARM_UP_ROUNDS = 30;
    private static final int MEASURED = 1_000_000;

    /** A reused event, so the test measures dispatch and not the caller's own {@code new}. */
    static final class Tick {

        long sequence;
    }

    /** Ten listener classes, so the dispatch loop sees several receiver types. */
    abstract static class Counting {

        long seen;
        long sum;

        final void count(Tick tick) {
            seen++;
            sum += tick.sequence;
        }
    }

    static class L0 extends Counting {
        @ZeroGcListener
        public void on(Tick tick) {
            count(tick);
        }
    }

    static class L1 extends Counting {
        @ZeroGcListener
        public void on(Tick tick) {
            count(tick);
        }
    }

    static class L2 extends Counting {
        @ZeroGcListener
        public void on(Tick tick) {
            count(tick);
        }
    }

    static class L3 extends Counting {
        @ZeroGcListener
        public void on(Tick tick) {
            count(tick);
        }
    }

    static class L4 extends Counting {
        @ZeroGcListener
        public void on(Tick tick) {
            count(tick);
        }
    }

    static class L5 extends Counting {
        @ZeroGcListener
        public void on(Tick tick) {
            count(tick);
        }
    }

    static class L6 extends Counting {
        @ZeroGcListener
        public void on(Tick tick) {
            count(tick);
        }
    }

    static class L7 extends Counting {
        @ZeroGcListener
        public void on(Tick tick) {
            count(tick);
        }
    }

    static class L8 extends Counting {
        @ZeroGcListener
        public void on(Tick tick) {
            count(tick);
        }
    }

    static class L9 extends Counting {
        @ZeroGcListener
        public void on(Tick tick) {
            count(tick);
        }
    }

    private static final Class<?>[] LISTENER_CLASSES = {L0.class, L1.class, L2.class, L3.class, L4.class, L5.class,
            L6.class, L7.class, L8.class, L9.class};

    @ParameterizedTest(name = "{0} listeners")
    @ValueSource(ints = {1, 10, 100})
    void publishingAllocatesNothingAfterWarmUp(int listeners) {
        assertPublishingAllocatesNothing(listeners, new ApplicationContextRunner());
    }

    @Test
    void publishingWithLatencySamplingAllocatesNothingAfterWarmUp() {
        assertPublishingAllocatesNothing(10,
                new ApplicationContextRunner().withPropertyValues("zerogc.events.stats.latency.enabled=true"));
    }

    /** Existing code publishing through an injected ApplicationEventPublisher takes the same path. */
    static class LegacyPublisher {

        final ApplicationEventPublisher publisher;

        LegacyPublisher(ApplicationEventPublisher publisher) {
            this.publisher = publisher;
        }
    }

    @Test
    void anInjectedApplicationEventPublisherAllocatesNothingForCompiledOnlyEvents() {
        assertPublishingAllocatesNothing(10, new ApplicationContextRunner().withBean(LegacyPublisher.class));
    }

    /** An unchanged classic listener, compiled with zerogc.events.compile-event-listeners=true. */
    static class ClassicCounting extends Counting {
        @EventListener
        public void on(Tick tick) {
            count(tick);
        }
    }

    @Test
    void compiledEventListenersAllocateNothing() {
        assertPublishingAllocatesNothing(1, new ApplicationContextRunner().withBean(LegacyPublisher.class)
                .withBean("classic", ClassicCounting.class)
                .withPropertyValues("zerogc.events.compile-event-listeners=true"), 1);
    }

    private void assertPublishingAllocatesNothing(int listeners, ApplicationContextRunner base) {
        assertPublishingAllocatesNothing(listeners, base, 0);
    }

    private void assertPublishingAllocatesNothing(int listeners, ApplicationContextRunner base, int classic) {
        ApplicationContextRunner runner = base
                .withConfiguration(AutoConfigurations.of(ZeroGcEventsAutoConfiguration.class));
        for (int i = 0; i < listeners; i++) {
            runner = runner.withBean("listener" + i, LISTENER_CLASSES[i % LISTENER_CLASSES.length]);
        }
        runner.run(context -> {
            ApplicationEventPublisher publisher = context.getBeansOfType(LegacyPublisher.class).isEmpty()
                    ? context.getBean(ZeroGcEventPublisher.class) : context.getBean(LegacyPublisher.class).publisher;
            assertThat(publisher).isInstanceOf(ZeroGcEventPublisher.class);
            Tick tick = new Tick();
            int warmUp = warmUp(publisher, tick);

            long bytes = Long.MAX_VALUE;
            int windows = 0;
            // A window may see a one-off JIT event (a deoptimisation rematerialising a scalar-replaced object,
            // a few hundred bytes once); a per-event allocation would cost at least 16 MB per window. So:
            // up to three windows, none over 1 KB, and one must allocate nothing at all.
            while (bytes != 0 && windows < 3) {
                long start = AllocationMeter.start();
                publishMany(publisher, tick, MEASURED);
                bytes = AllocationMeter.bytesSince(start);
                windows++;
                assertThat(bytes).as("bytes allocated by %,d publishes to %d listeners", MEASURED, listeners)
                        .isLessThan(1024);
            }

            assertThat(bytes).as("bytes allocated by %,d publishes to %d listeners", MEASURED, listeners).isZero();
            Counting[] beans = context.getBeansOfType(Counting.class).values().toArray(Counting[]::new);
            assertThat(beans).hasSize(listeners + classic);
            long expected = warmUp + (long) windows * MEASURED;
            assertThat(Arrays.stream(beans).mapToLong(bean -> bean.seen)).allMatch(seen -> seen == expected);
            assertThat(beans[0].sum).isEqualTo(expected * (expected + 1) / 2);
        });
    }

    /**
     * Publishes in rounds until three rounds in a row allocate nothing: until then the JIT is still
     * compiling (a tier change can allocate a few bytes once), after that the path is steady.
     *
     * @return how many events the warm-up published
     */
    private static int warmUp(ApplicationEventPublisher publisher, Tick tick) {
        int clean = 0;
        for (int round = 1; round <= MAX_WARM_UP_ROUNDS; round++) {
            long start = AllocationMeter.start();
            publishMany(publisher, tick, WARM_UP_ROUND);
            clean = AllocationMeter.bytesSince(start) == 0 ? clean + 1 : 0;
            if (clean == 3) {
                return round * WARM_UP_ROUND;
            }
        }
        throw new AssertionError("publishing still allocates after " + MAX_WARM_UP_ROUNDS * WARM_UP_ROUND
                + " warm-up events");
    }

    private static void publishMany(ApplicationEventPublisher publisher, Tick tick,
            int count) {
        for (int i = 0; i < count; i++) {
            tick.sequence++;
            publisher.publishEvent(tick);
        }
    }
}
