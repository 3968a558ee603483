package io.zerogc.events.dispatch;

import static io.zerogc.events.dispatch.Listeners.dispatcher;
import static io.zerogc.events.dispatch.Listeners.listener;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zerogc.events.ListenerErrorHandler;
import io.zerogc.events.stats.ListenerStatistics;
import java.io.IOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventDispatcherTest {

    interface Shape {
    }

    static class Circle implements Shape {
    }

    static final class Unit extends Circle {
    }

    record Ping(int n) {
    }

    record Pong(int n) {
    }

    /** Records each call as "name:event". */
    static final class Recorder {

        final List<String> calls = new CopyOnWriteArrayList<>();

        public void first(Object event) {
            calls.add("first");
        }

        public void second(Object event) {
            calls.add("second");
        }

        public void third(Object event) {
            calls.add("third");
        }

        public void shape(Shape shape) {
            calls.add("shape:" + shape.getClass().getSimpleName());
        }

        public void circle(Circle circle) {
            calls.add("circle:" + circle.getClass().getSimpleName());
        }

        public void unit(Unit unit) {
            calls.add("unit");
        }

        public void ping(Ping ping) {
            calls.add("ping" + ping.n());
        }

        public void pong(Pong pong) {
            calls.add("pong" + pong.n());
        }
    }

    static final class Responder {

        public Pong single(Ping ping) {
            return new Pong(ping.n());
        }

        public Object[] array(Ping ping) {
            return new Object[] {new Pong(1), null, new Pong(2)};
        }

        public List<Pong> collection(Ping ping) {
            return Arrays.asList(new Pong(3), null, new Pong(4));
        }

        public Pong none(Ping ping) {
            return null;
        }

        public int primitive(Ping ping) {
            return ping.n() * 10;
        }
    }

    static final class Failing {

        public void unchecked(Ping ping) {
            throw new IllegalStateException("boom " + ping.n());
        }

        public void checked(Ping ping) throws IOException {
            throw new IOException("io " + ping.n());
        }
    }

    @SuppressWarnings("unused")
    private static final class Hidden {

        int calls;

        private void onPing(Ping ping) {
            calls++;
        }
    }

    @Test
    void listenersRunInAscendingOrder() {
        Recorder recorder = new Recorder();
        EventDispatcher dispatcher = dispatcher(listener(recorder, "third", 30), listener(recorder, "first", -5),
                listener(recorder, "second", 0));

        dispatcher.dispatch("event");

        assertThat(recorder.calls).containsExactly("first", "second", "third");
    }

    @Test
    void equalOrdersKeepTheOrderTheDefinitionsWereGiven() {
        Recorder recorder = new Recorder();
        EventDispatcher dispatcher = dispatcher(listener(recorder, "second", 1), listener(recorder, "third", 1),
                listener(recorder, "first", 1));

        dispatcher.dispatch("event");

        assertThat(recorder.calls).containsExactly("second", "third", "first");
    }

    @Test
    void eventsReachListenersOfTheirSuperclassesAndInterfaces() {
        Recorder recorder = new Recorder();
        EventDispatcher dispatcher = dispatcher(listener(recorder, "shape", 1), listener(recorder, "circle", 2),
                listener(recorder, "unit", 3));

        dispatcher.dispatch(new Unit());
        dispatcher.dispatch(new Circle());
        dispatcher.dispatch(new Shape() { });

        assertThat(recorder.calls).containsExactly("shape:Unit", "circle:Unit", "unit", "shape:Circle",
                "circle:Circle", "shape:");
    }

    @Test
    void eventsOfOtherTypesReachNoListener() {
        Recorder recorder = new Recorder();
        EventDispatcher dispatcher = dispatcher(listener(recorder, "ping"));

        dispatcher.dispatch(new Pong(1));
        dispatcher.dispatch("text");

        assertThat(recorder.calls).isEmpty();
        assertThat(dispatcher.listenersFor(Pong.class)).isEmpty();
        assertThat(dispatcher.listenersFor(Ping.class)).extracting(CompiledListener::name)
                .containsExactly("Recorder.ping(Ping)");
    }

    @Test
    void returnedValuesArePublishedAsEventsSkippingNulls() {
        Recorder recorder = new Recorder();
        Responder responder = new Responder();
        List<Object> extra = new ArrayList<>();
        EventDispatcher dispatcher = new EventDispatcher(List.of(listener(responder, "single", 1),
                listener(responder, "array", 2), listener(responder, "collection", 3), listener(responder, "none", 4),
                listener(responder, "primitive", 5), listener(recorder, "pong", 6)),
                        DispatcherSettings.defaults().withResultSink(extra::add));

        dispatcher.dispatch(new Ping(7));

        assertThat(extra).containsExactly(new Pong(7), new Pong(1), new Pong(2), new Pong(3), new Pong(4), 70);
    }

    @Test
    void returnedValuesGoBackThroughTheDispatcherByDefault() {
        Recorder recorder = new Recorder();
        EventDispatcher dispatcher = dispatcher(listener(new Responder(), "single"), listener(recorder, "pong"));

        dispatcher.dispatch(new Ping(5));

        assertThat(recorder.calls).containsExactly("pong5");
    }

    @Test
    void listenersMayPublishFromInsideADispatch() {
        Recorder recorder = new Recorder();
        EventDispatcher[] self = new EventDispatcher[1];
        Object relay = new Object() {
            @SuppressWarnings("unused")
            public void relay(Ping ping) {
                if (ping.n() > 0) {
                    self[0].dispatch(new Ping(ping.n() - 1));
                }
            }
        };
        self[0] = dispatcher(listener(relay, "relay", 1), listener(recorder, "ping", 2));

        self[0].dispatch(new Ping(2));

        assertThat(recorder.calls).containsExactly("ping0", "ping1", "ping2");
    }

    @Test
    void privateMethodsOfPrivateClassesAreCalledDirectly() {
        Hidden hidden = new Hidden();
        EventDispatcher dispatcher = dispatcher(listener(hidden, "onPing"));

        dispatcher.dispatch(new Ping(1));
        dispatcher.dispatch(new Ping(2));

        assertThat(hidden.calls).isEqualTo(2);
    }

    @Test
    void aRuntimeFailureReachesThePublisherUnchangedAndStopsLaterListeners() {
        Recorder recorder = new Recorder();
        EventDispatcher dispatcher = dispatcher(listener(new Failing(), "unchecked", 1), listener(recorder, "ping", 2));

        assertThatThrownBy(() -> dispatcher.dispatch(new Ping(3))).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("boom 3");
        assertThat(recorder.calls).isEmpty();
        assertThat(dispatcher.statistics().failures(0)).isEqualTo(1);
        assertThat(dispatcher.statistics().failures(1)).isZero();
    }

    @Test
    void aCheckedFailureSurfacesAsUndeclaredThrowable() {
        EventDispatcher dispatcher = dispatcher(listener(new Failing(), "checked"));

        assertThatThrownBy(() -> dispatcher.dispatch(new Ping(4))).isInstanceOf(UndeclaredThrowableException.class)
                .cause().isInstanceOf(IOException.class).hasMessage("io 4");
    }

    @Test
    void anErrorHandlerSeesEachFailureAndLaterListenersStillRun() {
        Recorder recorder = new Recorder();
        List<String> handled = new ArrayList<>();
        ListenerErrorHandler handler = (error, event, listener) -> handled.add(listener + " " + error.getMessage()
                + " on " + event);
        EventDispatcher dispatcher = new EventDispatcher(List.of(listener(new Failing(), "unchecked", 1),
                listener(new Failing(), "checked", 2), listener(recorder, "ping", 3)),
                        DispatcherSettings.defaults().withErrorHandler(handler));

        dispatcher.dispatch(new Ping(9));

        assertThat(handled).containsExactly("Failing.unchecked(Ping) boom 9 on Ping[n=9]",
                "Failing.checked(Ping) io 9 on Ping[n=9]");
        assertThat(recorder.calls).containsExactly("ping9");
        assertThat(dispatcher.statistics().failures(0)).isEqualTo(1);
        assertThat(dispatcher.statistics().failures(1)).isEqualTo(1);
    }

    @Test
    void anErrorHandlerThatRethrowsEndsTheDispatch() {
        Recorder recorder = new Recorder();
        ListenerErrorHandler handler = (error, event, listener) -> {
            throw new IllegalArgumentException("handler says no", error);
        };
        EventDispatcher dispatcher = new EventDispatcher(List.of(listener(new Failing(), "unchecked", 1),
                listener(recorder, "ping", 2)), DispatcherSettings.defaults().withErrorHandler(handler));

        assertThatThrownBy(() -> dispatcher.dispatch(new Ping(1))).hasMessage("handler says no");
        assertThat(recorder.calls).isEmpty();
    }

    /** Appends its number to a shared list; fails on a chosen event. */
    static final class Numbered {

        private final int number;
        private final List<Integer> calls;

        Numbered(int number, List<Integer> calls) {
            this.number = number;
            this.calls = calls;
        }

        public void on(Ping ping) {
            if (ping.n() == number) {
                throw new IllegalStateException("listener " + number + " fails");
            }
            calls.add(number);
        }
    }

    private static List<ListenerDefinition> numbered(int count, List<Integer> calls) {
        List<ListenerDefinition> definitions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            definitions.add(listener(new Numbered(i, calls), "on"));
        }
        return definitions;
    }

    /** The generated parts of the dispatcher of {@code Ping}, counted. */
    private static long generatedParts(EventDispatcher dispatcher) {
        Class<?> generated = dispatcher.routes().routeOf(Ping.class).sync.getClass();
        assertThat(generated.isHidden()).as("generated").isTrue();
        return Arrays.stream(generated.getDeclaredMethods()).filter(method -> method.getName().matches("p\\d+"))
                .count();
    }

    // Up to 32 listeners, parts of 16 (12 isolated) the JIT inlines; beyond, parts of 96 keep calls few.
    @ParameterizedTest(name = "{0} listeners in {1} parts")
    @CsvSource({"32, 2", "33, 1", "197, 3"})
    void manyListenersAreCalledInOrderAcrossGeneratedParts(int count, int parts) {
        List<Integer> calls = new ArrayList<>();
        EventDispatcher dispatcher = new EventDispatcher(numbered(count, calls), DispatcherSettings.defaults());

        dispatcher.dispatch(new Ping(-1));

        assertThat(calls).hasSize(count).isSorted().startsWith(0).endsWith(count - 1);
        assertThat(generatedParts(dispatcher)).isEqualTo(parts);
    }

    @ParameterizedTest(name = "listener {1} of {0} fails")
    @CsvSource({"32, 18", "197, 98", "197, 196"})
    void aFailureInALaterPartIsCountedAgainstTheListenerThatThrew(int count, int failing) {
        List<Integer> calls = new ArrayList<>();
        EventDispatcher dispatcher = new EventDispatcher(numbered(count, calls), DispatcherSettings.defaults());

        assertThatThrownBy(() -> dispatcher.dispatch(new Ping(failing))).hasMessage("listener " + failing + " fails");

        assertThat(calls).hasSize(failing).endsWith(failing - 1);
        List<ListenerStatistics> listeners = dispatcher.statistics().eventType(Ping.class.getName()).listeners();
        for (int id = 0; id < count; id++) {
            assertThat(dispatcher.statistics().failures(id)).as("failures of listener %d", id)
                    .isEqualTo(id == failing ? 1 : 0);
            assertThat(listeners.get(id).invocations()).as("calls of listener %d", id).isEqualTo(id > failing ? 0 : 1);
        }
    }

    @ParameterizedTest(name = "listener {1} of {0} fails, {2} parts")
    @CsvSource({"29, 13, 3", "197, 98, 3", "197, 196, 3"})
    void withAnErrorHandlerGeneratedPartsIsolateEachFailureAndGoOn(int count, int failing, int parts) {
        List<Integer> calls = new ArrayList<>();
        List<String> handled = new ArrayList<>();
        EventDispatcher dispatcher = new EventDispatcher(numbered(count, calls),
                DispatcherSettings.defaults().withErrorHandler(
                        (error, event, listener) -> handled.add(listener + " " + error.getMessage())));

        dispatcher.dispatch(new Ping(failing));

        assertThat(generatedParts(dispatcher)).isEqualTo(parts);
        assertThat(calls).hasSize(count - 1).doesNotContain(failing).isSorted();
        assertThat(handled).containsExactly("Numbered.on(Ping) listener " + failing + " fails");
        assertThat(dispatcher.statistics().failures(failing)).isEqualTo(1);
    }

    @Test
    void moreListenersThanAGeneratedClassHoldsFallBackToALoop() {
        int count = SpecializedDispatcherFactory.MAX_LISTENERS + 1;
        List<Integer> calls = new ArrayList<>();
        EventDispatcher dispatcher = new EventDispatcher(numbered(count, calls), DispatcherSettings.defaults());

        dispatcher.dispatch(new Ping(-1));
        assertThatThrownBy(() -> dispatcher.dispatch(new Ping(count - 1))).hasMessage("listener " + (count - 1)
                + " fails");

        assertThat(calls).hasSize(2 * count - 1);
        assertThat(dispatcher.routes().routeOf(Ping.class).sync).isInstanceOf(Dispatcher.Propagating.class);
        assertThat(calls.subList(0, count)).isSorted();
        assertThat(dispatcher.statistics().failures(count - 1)).isEqualTo(1);
    }

    @Test
    void concurrentPublishersAreEachDeliveredExactlyOnce() throws InterruptedException {
        final class Counter {
            final java.util.concurrent.atomic.LongAdder pings = new java.util.concurrent.atomic.LongAdder();
            final java.util.concurrent.atomic.LongAdder sum = new java.util.concurrent.atomic.LongAdder();

            @SuppressWarnings("unused")
            public void onPing(Ping ping) {
                pings.increment();
                sum.add(ping.n());
            }
        }
        Counter counter = new Counter();
        EventDispatcher dispatcher = dispatcher(listener(counter, "onPing"));
        int threads = 4;
        int perThread = 100_000;
        Thread[] publishers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            publishers[t] = new Thread(() -> {
                for (int i = 1; i <= perThread; i++) {
                    dispatcher.dispatch(new Ping(i));
                }
            });
            publishers[t].start();
        }
        for (Thread publisher : publishers) {
            publisher.join(60_000);
        }

        assertThat(counter.pings.sum()).isEqualTo((long) threads * perThread);
        assertThat(counter.sum.sum()).isEqualTo(threads * ((long) perThread * (perThread + 1) / 2));
    }
}
