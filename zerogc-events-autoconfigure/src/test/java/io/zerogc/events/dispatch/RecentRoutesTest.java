package io.zerogc.events.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerogc.events.Delivery;
import io.zerogc.events.Subscription;
import io.zerogc.events.stats.EventTypeStatistics;
import io.zerogc.events.support.AllocationMeter;
import io.zerogc.events.util.ThreadSlots;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A publishing thread keeps its last few routes: several event types published in turn each reach
 * their own listeners, a route kept behind the last one still sees subscriptions and closes, and
 * publishing them in turn allocates nothing, whether they fit what the thread keeps or not.
 */
class RecentRoutesTest {

    record A(long n) {
    }

    record B(long n) {
    }

    record C(long n) {
    }

    record D(long n) {
    }

    record E(long n) {
    }

    record F(long n) {
    }

    private static final Object[] EVENTS = {new A(1), new B(2), new C(3), new D(4), new E(5), new F(6)};

    /** Counts what it receives, by the event's class. */
    public static final class Everything {

        final long[] received = new long[EVENTS.length];

        public void on(Object event) {
            for (int i = 0; i < EVENTS.length; i++) {
                if (EVENTS[i].getClass() == event.getClass()) {
                    received[i]++;
                }
            }
        }
    }

    private final Everything everything = new Everything();
    private final EventDispatcher dispatcher = new EventDispatcher(List.of(ListenerDefinition.of("everything",
            everything, Listeners.method(Everything.class, "on"), 0, Delivery.SYNC)), DispatcherSettings.defaults());

    @AfterEach
    void close() throws InterruptedException {
        dispatcher.close(Duration.ofSeconds(5));
    }

    @Test
    void typesPublishedInTurnEachReachTheirOwnListenersAndCounts() {
        long[] subscribed = new long[EVENTS.length];
        for (int i = 0; i < EVENTS.length; i++) {
            int type = i;
            subscribed(EVENTS[i].getClass(), () -> subscribed[type]++);
        }
        long[] expected = new long[EVENTS.length];
        // In turn over 2, 3, 4 (what a thread keeps) and 6 types, then one type between each of the others.
        for (int types : new int[] {2, 3, ThreadSlots.WAYS, EVENTS.length}) {
            for (int n = 0; n < 1_000; n++) {
                dispatcher.dispatch(EVENTS[n % types]);
                expected[n % types]++;
            }
        }
        for (int n = 0; n < 1_000; n++) {
            int type = n % 2 == 0 ? 0 : 1 + (n / 2) % (EVENTS.length - 1);
            dispatcher.dispatch(EVENTS[type]);
            expected[type]++;
        }

        assertThat(everything.received).containsExactly(expected);
        assertThat(subscribed).containsExactly(expected);
        Map<String, EventTypeStatistics> byType = dispatcher.statistics().eventTypes().stream()
                .collect(Collectors.toMap(EventTypeStatistics::type, Function.identity()));
        for (int i = 0; i < EVENTS.length; i++) {
            String type = EVENTS[i].getClass().getName();
            assertThat(byType.get(type).published()).as(type).isEqualTo(expected[i]);
        }
    }

    /** {@code behind}: how many other types the thread published since A, which puts A's route that deep. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void aRouteKeptBehindTheLastSeesASubscriptionAndItsClose(int behind) {
        long[] seen = new long[1];
        dispatcher.dispatch(EVENTS[0]);
        for (int i = 1; i <= behind; i++) {
            dispatcher.dispatch(EVENTS[i]);
        }
        Subscription subscription = subscribed(A.class, () -> seen[0]++);
        for (int i = 1; i <= behind; i++) {
            dispatcher.dispatch(EVENTS[i]); // the others again, so that A's route is still behind them
        }
        dispatcher.dispatch(EVENTS[0]);
        assertThat(seen[0]).as("A published once after subscribing").isEqualTo(1);

        for (int i = 1; i <= behind; i++) {
            dispatcher.dispatch(EVENTS[i]);
        }
        subscription.close();
        dispatcher.dispatch(EVENTS[0]);
        assertThat(seen[0]).as("nothing after the close").isEqualTo(1);
        assertThat(everything.received[0]).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, ThreadSlots.WAYS, 6})
    void publishingTypesInTurnAllocatesNothing(int types) {
        long[] subscribed = new long[1];
        for (int i = 0; i < types; i++) {
            subscribed(EVENTS[i].getClass(), () -> subscribed[0]++);
        }
        int clean = 0;
        for (int round = 0; round < 40 && clean < 3; round++) {
            long start = AllocationMeter.start();
            publishInTurn(dispatcher, types, 100_000);
            clean = AllocationMeter.bytesSince(start) == 0 ? clean + 1 : 0;
        }
        assertThat(clean).as("warm-up reached three allocation-free rounds").isEqualTo(3);

        long bytes = Long.MAX_VALUE;
        for (int window = 0; window < 3 && bytes != 0; window++) {
            long start = AllocationMeter.start();
            publishInTurn(dispatcher, types, 1_000_000);
            bytes = AllocationMeter.bytesSince(start);
        }

        assertThat(bytes).as("bytes allocated by 1,000,000 publishes of %d types in turn", types).isZero();
        assertThat(subscribed[0]).isEqualTo(sum(everything.received));
    }

    private static void publishInTurn(EventDispatcher dispatcher, int types, int count) {
        for (int n = 0; n < count; n++) {
            dispatcher.dispatch(EVENTS[n % types]);
        }
    }

    private static long sum(long[] values) {
        long sum = 0;
        for (long value : values) {
            sum += value;
        }
        return sum;
    }

    private <T> Subscription subscribed(Class<T> type, Runnable onEvent) {
        return dispatcher.subscribe(type, Delivery.SYNC, event -> onEvent.run());
    }
}
