package io.zerogc.events.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerogc.events.Delivery;
import io.zerogc.events.Subscription;
import io.zerogc.events.ring.OverflowPolicy;
import io.zerogc.events.stats.EventTypeStatistics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * One thread publishes numbered events without pause while several threads subscribe and close in a loop,
 * synchronous and asynchronous subscribers alike. Every subscription must have seen one gap-free run of
 * events that starts after the last event finished before {@code subscribe} was called (for an
 * asynchronous subscriber: at most a ring's worth before it, events its consumer had not reached) and no
 * later than the first published after it returned, and ends no later than the event in flight when
 * {@code close} returned (for a synchronous subscriber: no earlier than the last event finished before
 * {@code close} was called). The subscribers' calls counted by the engine equal the calls they saw, and
 * the type's figures add up.
 */
class SubscriptionStressTest {

    private static final long RUN_NANOS = Duration.ofSeconds(3).toNanos();
    private static final int SUBSCRIBING_THREADS = 4;
    private static final int RING = 1024;
    private static final long WAIT_NANOS = Duration.ofSeconds(20).toNanos();

    record Numbered(long number) {
    }

    /** Compiled beside the subscribers, so the type has a compiled route too. */
    static final class Compiled {

        public void on(Numbered event) {
            // nothing: the type's route has a compiled listener as well as subscribers
        }
    }

    /** What one subscription saw: written by the one thread that calls it, read once it is done. */
    static final class Recorder {

        volatile long first = -1;
        volatile long last = -1;
        volatile long count;
        volatile String gap;

        void on(Numbered event) {
            long number = event.number();
            if (last != -1 && number != last + 1 && gap == null) {
                gap = number + " after " + last;
            }
            if (first == -1) {
                first = number;
            }
            last = number;
            count = count + 1;
        }
    }

    /** A subscription's record: what it saw, and the publisher's position around subscribe and close. */
    record Round(Recorder recorder, boolean async, long beforeSubscribe, long afterSubscribe, long beforeClose,
            long afterClose) {
    }

    /** The publisher's position: the number being published, and the last one whose publish returned. */
    static final class Position {

        volatile long publishing;
        volatile long finished;
        volatile boolean stop;
    }

    @Test
    void everySubscriptionSeesOneGapFreeRunBoundedBySubscribeAndClose() throws Exception {
        EventDispatcher dispatcher = new EventDispatcher(
                List.of(ListenerDefinition.of("compiled", new Compiled(), Listeners.method(Compiled.class, "on"), 0,
                        Delivery.SYNC)),
                DispatcherSettings.defaults().withAsync(Listeners.async(RING, 2, OverflowPolicy.BLOCK,
                        (error, event, listener) -> { }, "subscription-stress-consumer")));
        dispatcher.start();
        Position position = new Position();
        Thread publisher = new Thread(() -> {
            for (long number = 1; !position.stop; number++) {
                position.publishing = number;
                dispatcher.publish(new Numbered(number));
                position.finished = number;
            }
        }, "subscription-stress-publisher");
        ConcurrentLinkedQueue<Round> rounds = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> subscribers = new ArrayList<>();
        long end = System.nanoTime() + RUN_NANOS;
        for (int t = 0; t < SUBSCRIBING_THREADS; t++) {
            boolean async = t % 2 == 1;
            subscribers.add(new Thread(() -> {
                // Up to 32 open at once, closed in random order: lanes grow, empty slots and compact
                // while the publisher reads them.
                List<Open> open = new ArrayList<>();
                try {
                    while (System.nanoTime() < end) {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        if (open.isEmpty() || open.size() < 32 && random.nextBoolean()) {
                            open.add(open(dispatcher, position, async));
                        }
                        else {
                            rounds.add(close(open.remove(random.nextInt(open.size())), position));
                        }
                    }
                    for (Open each : open) {
                        rounds.add(close(each, position));
                    }
                }
                catch (Throwable ex) {
                    failures.add(ex);
                }
            }, "subscription-stress-subscriber-" + t));
        }
        publisher.start();
        subscribers.forEach(Thread::start);
        for (Thread subscriber : subscribers) {
            subscriber.join();
        }
        position.stop = true;
        publisher.join();
        assertThat(dispatcher.awaitDelivery(Duration.ofSeconds(30))).isTrue();

        assertThat(failures).isEmpty();
        long seen = 0;
        for (Round round : rounds) {
            check(round);
            seen += round.recorder().count;
        }
        assertThat(rounds.stream().filter(Round::async).count()).as("asynchronous rounds").isGreaterThan(100);
        assertThat(rounds.stream().filter(round -> !round.async()).count()).as("synchronous rounds").isGreaterThan(100);
        EventTypeStatistics figures = dispatcher.statistics().eventType(Numbered.class.getName());
        assertThat(figures.published()).isEqualTo(position.finished);
        assertThat(figures.published())
                .isEqualTo(figures.delivered() + figures.dropped() + figures.refused() + figures.aborted());
        assertThat(figures.subscribers().invocations()).as("calls counted = calls seen").isEqualTo(seen);
        assertThat(figures.subscribers().sync() + figures.subscribers().async()).isZero();
        dispatcher.close(Duration.ofSeconds(5));
    }

    /** A subscription open, with the publisher's position around its subscribe. */
    record Open(Subscription subscription, Recorder recorder, boolean async, long beforeSubscribe,
            long afterSubscribe) {
    }

    private static Open open(EventDispatcher dispatcher, Position position, boolean async) {
        Recorder recorder = new Recorder();
        long beforeSubscribe = position.finished;
        Subscription subscription = dispatcher.subscribe(Numbered.class, async ? Delivery.ASYNC : Delivery.SYNC,
                recorder::on);
        return new Open(subscription, recorder, async, beforeSubscribe, position.publishing);
    }

    private static Round close(Open open, Position position) {
        Recorder recorder = open.recorder();
        // Let it see a few events first (bounded): a run that starts is then known to start where it must.
        long wanted = 1 + ThreadLocalRandom.current().nextInt(20);
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (recorder.count < wanted) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("a subscription saw " + recorder.count + " events in 20 s");
            }
            Thread.onSpinWait();
        }
        long beforeClose = position.finished;
        open.subscription().close();
        long afterClose = position.publishing;
        return new Round(recorder, open.async(), open.beforeSubscribe(), open.afterSubscribe(), beforeClose,
                afterClose);
    }

    private static void check(Round round) {
        Recorder recorder = round.recorder();
        String what = (round.async() ? "asynchronous " : "synchronous ") + round;
        assertThat(recorder.gap).as("gap in " + what).isNull();
        // An asynchronous subscriber may also get events its consumer had not reached when it subscribed:
        // at most a ring's worth before.
        assertThat(recorder.first).as("first event of " + what)
                .isGreaterThan(round.beforeSubscribe() - (round.async() ? RING : 0))
                .isLessThanOrEqualTo(round.afterSubscribe() + 1);
        assertThat(recorder.last).as("last event of " + what).isLessThanOrEqualTo(round.afterClose());
        if (!round.async()) {
            assertThat(recorder.last).as("last event of " + what).isGreaterThanOrEqualTo(round.beforeClose());
        }
        assertThat(recorder.count).isEqualTo(recorder.last - recorder.first + 1);
    }
}
