package io.zerogc.events.dispatch;

import static io.zerogc.events.dispatch.Listeners.listener;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The owner of an engine's routes: each class's route built once, installed for lookup, rebuilt or
 * asked about again when listeners or the follower change, and never installed stale.
 */
class RoutesTest {

    record Ping(int n) {
    }

    record Pong(int n) {
    }

    static final class Recorder {

        final List<String> calls = new CopyOnWriteArrayList<>();

        public void kept(Object event) {
            calls.add("kept");
        }

        public void removed(Object event) {
            calls.add("removed");
        }
    }

    /** Follows every class, counting how often it is asked; may hold the next asker until released. */
    static final class AskedFollower implements EventFollower {

        final AtomicInteger asked = new AtomicInteger();
        final List<Object> followed = new CopyOnWriteArrayList<>();
        final AtomicReference<CountDownLatch> holdNext = new AtomicReference<>();
        final CountDownLatch holding = new CountDownLatch(1);

        @Override
        public boolean follows(Class<?> eventClass) {
            asked.incrementAndGet();
            CountDownLatch latch = holdNext.getAndSet(null);
            if (latch != null) {
                holding.countDown();
                try {
                    latch.await(10, TimeUnit.SECONDS);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            return true;
        }

        @Override
        public void follow(Object event) {
            followed.add(event);
        }
    }

    private static EventDispatcher dispatcher(EventFollower follower, ListenerDefinition... definitions) {
        return new EventDispatcher(List.of(definitions), DispatcherSettings.defaults().withFollower(follower));
    }

    @Test
    void aClassPublishedFromManyThreadsAtOnceGetsOneRouteAndOneTypeId() throws Exception {
        Recorder recorder = new Recorder();
        AskedFollower follower = new AskedFollower();
        EventDispatcher dispatcher = dispatcher(follower, listener(recorder, "kept"));
        Set<Class<?>> told = ConcurrentHashMap.newKeySet();
        AtomicInteger tellings = new AtomicInteger();
        dispatcher.statistics().onNewEventType(type -> {
            told.add(type);
            tellings.incrementAndGet();
        });
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        Set<Route> seen = ConcurrentHashMap.newKeySet();
        List<Thread> publishers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread publisher = new Thread(() -> {
                try {
                    start.await(10, TimeUnit.SECONDS);
                }
                catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
                seen.add(dispatcher.routes().routeOf(Ping.class));
            });
            publishers.add(publisher);
            publisher.start();
        }
        for (Thread publisher : publishers) {
            publisher.join(10_000);
        }

        assertThat(seen).hasSize(1);
        assertThat(told).containsExactly(Ping.class);
        assertThat(tellings.get()).isEqualTo(1);
        assertThat(follower.asked.get()).as("each racing thread asks at most once; one answer is installed")
                .isBetween(1, threads);
        assertThat(dispatcher.routes().built()).hasSize(1);
    }

    @Test
    void routesAreKeptInFirstPublishOrderWithTypeIdsInThatOrder() {
        EventDispatcher dispatcher = Listeners.dispatcher(listener(new Recorder(), "kept"));

        dispatcher.publish(new Pong(1));
        dispatcher.publish(new Ping(1));
        dispatcher.publish(new Pong(2));

        assertThat(dispatcher.routes().built()).extracting(route -> route.eventClass.getSimpleName())
                .containsExactly("Pong", "Ping");
        assertThat(dispatcher.routes().built()).extracting(route -> route.type).containsExactly(0, 1);
    }

    @Test
    void anInstalledRouteIsLookedUpNotRebuilt() {
        AskedFollower follower = new AskedFollower();
        EventDispatcher dispatcher = dispatcher(follower, listener(new Recorder(), "kept"));

        Route first = dispatcher.routes().routeOf(Ping.class);
        Route again = dispatcher.routes().routeOf(Ping.class);

        assertThat(again).isSameAs(first);
        assertThat(follower.asked.get()).isEqualTo(1);
    }

    @Test
    void removingAListenerRebuildsTheRoutesItWasOnAndKeepsTheirTypeIds() {
        Recorder recorder = new Recorder();
        EventDispatcher dispatcher = Listeners.dispatcher(listener(recorder, "kept"), listener(recorder, "removed"));
        dispatcher.publish(new Ping(1));
        int type = dispatcher.routes().routeOf(Ping.class).type;

        boolean removed = dispatcher.removeListeners(definition -> definition.method().getName().equals("removed"));
        dispatcher.publish(new Ping(2));

        assertThat(removed).isTrue();
        assertThat(recorder.calls).containsExactly("kept", "removed", "kept");
        assertThat(dispatcher.routes().routeOf(Ping.class).type).isEqualTo(type);
        assertThat(dispatcher.listenersFor(Ping.class)).extracting(CompiledListener::name)
                .containsExactly("Recorder.kept(Object)");
        assertThat(dispatcher.removeListeners(definition -> definition.method().getName().equals("removed")))
                .as("nothing left to remove").isFalse();
    }

    @Test
    void aFollowerChangeAsksAgainForEveryClassOnTheChangingThreadOnce() {
        AskedFollower follower = new AskedFollower();
        EventDispatcher dispatcher = dispatcher(follower, listener(new Recorder(), "kept"));
        dispatcher.publish(new Ping(1));
        dispatcher.publish(new Pong(1));

        dispatcher.followerChanged();
        dispatcher.publish(new Ping(2));
        dispatcher.publish(new Ping(3));

        assertThat(follower.asked.get()).as("Ping and Pong once each, then both again at the change").isEqualTo(4);
        assertThat(follower.followed).containsExactly(new Ping(1), new Pong(1), new Ping(2), new Ping(3));
    }

    @Test
    void aRouteAskedAboutBeforeAListenerRemovalIsNeverInstalledAfterIt() throws Exception {
        Recorder recorder = new Recorder();
        AskedFollower follower = new AskedFollower();
        EventDispatcher dispatcher = dispatcher(follower, listener(recorder, "kept"), listener(recorder, "removed"));
        CountDownLatch release = new CountDownLatch(1);
        follower.holdNext.set(release);
        Thread publisher = new Thread(() -> dispatcher.publish(new Ping(1)));
        publisher.start();
        assertThat(follower.holding.await(10, TimeUnit.SECONDS)).as("the follower is being asked").isTrue();

        dispatcher.removeListeners(definition -> definition.method().getName().equals("removed"));
        release.countDown();
        publisher.join(10_000);
        recorder.calls.clear();
        dispatcher.publish(new Ping(2));

        assertThat(publisher.isAlive()).isFalse();
        assertThat(recorder.calls).as("the route built before the removal was not installed").containsExactly("kept");
    }
}
