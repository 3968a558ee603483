package io.zerogc.events.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.zerogc.events.Delivery;
import io.zerogc.events.ring.AsyncSettings;
import io.zerogc.events.ring.BlockingWaitStrategy;
import io.zerogc.events.ring.OverflowPolicy;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Relay listeners carry events out of the process: they receive what is published here, never what
 * came in from outside, and one method serves relays of several types.
 */
class RelayListenerTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    record Placed(int n) {
    }

    record Cancelled(int n) {
    }

    /** Takes any object, as a relay to a broker does. */
    static final class Relay {

        final List<Object> carried = new CopyOnWriteArrayList<>();

        public void carry(Object event) {
            carried.add(event);
        }
    }

    static final class Local {

        final List<Integer> received = new CopyOnWriteArrayList<>();

        public void on(Placed event) {
            received.add(event.n());
        }
    }

    private EventDispatcher dispatcher;

    @AfterEach
    void close() throws InterruptedException {
        if (dispatcher != null) {
            dispatcher.close(Duration.ofSeconds(5));
        }
    }

    private static Method carry() {
        return Listeners.method(Relay.class, "carry");
    }

    private EventDispatcher start(int consumers, ListenerDefinition... definitions) {
        AsyncSettings async = new AsyncSettings(64, consumers, new BlockingWaitStrategy(), OverflowPolicy.BLOCK,
                runnable -> {
                    Thread thread = new Thread(runnable, "relay-test-consumer");
                    thread.setDaemon(true);
                    return thread;
                }, (error, event, listener) -> { });
        dispatcher = new EventDispatcher(List.of(definitions), DispatcherSettings.defaults().withAsync(async));
        dispatcher.start();
        return dispatcher;
    }

    @Test
    void aRelayCarriesItsTypeOnlyAndNeverWhatCameFromOutsideWhileOtherListenersGetBoth() throws Exception {
        Relay relay = new Relay();
        Local sync = new Local();
        Local async = new Local();
        start(2, ListenerDefinition.relay("relay", relay, carry(), Placed.class),
                ListenerDefinition.of("sync", sync, Listeners.method(Local.class, "on"), 0, Delivery.SYNC),
                ListenerDefinition.of("async", async, Listeners.method(Local.class, "on"), 0, Delivery.ASYNC));

        dispatcher.publish(new Placed(1));
        dispatcher.publishReceived(new Placed(2));
        dispatcher.publish(new Cancelled(3)); // not the relay's type: not carried
        dispatcher.publish(new Placed(4));

        assertThat(dispatcher.awaitDelivery(BOUND)).isTrue();
        assertThat(relay.carried).containsExactly(new Placed(1), new Placed(4));
        assertThat(sync.received).containsExactly(1, 2, 4);
        await().atMost(BOUND).until(() -> async.received.size() == 3);
        assertThat(async.received).containsExactly(1, 2, 4);
        // Received events count as published and delivered like any other.
        assertThat(dispatcher.statistics().eventType(Placed.class.getName()).published()).isEqualTo(3);
    }

    @Test
    void oneRelayMethodServesSeveralTypesEachItsOwn() throws Exception {
        Relay placed = new Relay();
        Relay cancelled = new Relay();
        start(1, ListenerDefinition.relay("placed", placed, carry(), Placed.class),
                ListenerDefinition.relay("cancelled", cancelled, carry(), Cancelled.class));

        dispatcher.publish(new Placed(1));
        dispatcher.publish(new Cancelled(2));
        dispatcher.publishReceived(new Cancelled(3));

        assertThat(dispatcher.awaitDelivery(BOUND)).isTrue();
        assertThat(placed.carried).containsExactly(new Placed(1));
        assertThat(cancelled.carried).containsExactly(new Cancelled(2));
    }

    /** A relay stuck in its call, as one waiting on a broker would be, until released. */
    static final class StuckRelay {

        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        public void carry(Object event) throws InterruptedException {
            entered.countDown();
            release.await();
        }
    }

    @Test
    void relaysRunOnAConsumerOfTheirOwnSoAStuckRelayHoldsBackNoOtherListener() throws Exception {
        StuckRelay relay = new StuckRelay();
        Local async = new Local();
        start(1, ListenerDefinition.relay("relay", relay, Listeners.method(StuckRelay.class, "carry"), Placed.class),
                ListenerDefinition.of("async", async, Listeners.method(Local.class, "on"), 0, Delivery.ASYNC));

        assertThat(dispatcher.consumers()).hasSize(2); // the configured one, and the relays'
        assertThat(dispatcher.listeners()).extracting(CompiledListener::name, CompiledListener::consumer)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("StuckRelay.carry(Object)", 1),
                        org.assertj.core.groups.Tuple.tuple("Local.on(Placed)", 0));
        dispatcher.publish(new Placed(0));
        assertThat(relay.entered.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
        for (int n = 1; n <= 40; n++) { // fewer than the ring's 64 slots: the ring itself never fills
            dispatcher.publish(new Placed(n));
        }

        await().atMost(BOUND).until(() -> async.received.size() == 41); // while the relay is still stuck
        relay.release.countDown();
        assertThat(dispatcher.awaitDelivery(BOUND)).isTrue();
    }

    @Test
    void aRelayWhoseMethodCannotTakeItsTypeIsRejectedNamingBoth() {
        Method onPlaced = Listeners.method(Local.class, "on");

        assertThatThrownBy(() -> start(1, ListenerDefinition.relay("wrong", new Local(), onPlaced, Cancelled.class)))
                .isInstanceOf(InvalidListenerException.class)
                .hasMessageContaining("Local.on(RelayListenerTest$Placed)".replace("RelayListenerTest$", ""))
                .hasMessageContaining("declared for events of " + Cancelled.class.getName())
                .hasMessageContaining("parameter type " + Placed.class.getName() + " cannot take");
    }

    @Test
    void aRelayNeedsAsynchronousDelivery() {
        assertThatThrownBy(() -> new EventDispatcher(
                List.of(ListenerDefinition.relay("relay", new Relay(), carry(), Placed.class)),
                DispatcherSettings.defaults()))
                .isInstanceOf(InvalidListenerException.class)
                .hasMessageContaining(ListenerCompiler.ASYNC_UNAVAILABLE);
    }
}
