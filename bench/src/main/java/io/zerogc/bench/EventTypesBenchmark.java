package io.zerogc.bench;

import io.zerogc.events.Delivery;
import io.zerogc.events.dispatch.DispatcherSettings;
import io.zerogc.events.dispatch.EventDispatcher;
import io.zerogc.events.dispatch.ListenerDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One thread publishing {@code types} event types in turn, one synchronous listener each, through the
 * engine, against calling the same listener methods directly (picked by a switch): what a publisher
 * pays that sees several types, where every other publish benchmark sees one; and the same after the
 * thread has published four other types once, as a thread that refreshed a context has (Spring's context
 * events), so that the types measured come into a slot whose ways are all taken.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EventTypesBenchmark {

    /** Event type 0. */
    public static final class E0 {
        long value = 1;
    }

    /** Event type 1. */
    public static final class E1 {
        long value = 2;
    }

    /** Event type 2. */
    public static final class E2 {
        long value = 3;
    }

    /** Event type 3. */
    public static final class E3 {
        long value = 4;
    }

    /** Event type 4. */
    public static final class E4 {
        long value = 5;
    }

    /** Event type 5. */
    public static final class E5 {
        long value = 6;
    }

    /** Event type 6. */
    public static final class E6 {
        long value = 7;
    }

    /** Event type 7. */
    public static final class E7 {
        long value = 8;
    }

    /** An event type published once before the trial. */
    public static final class Other0 {
    }

    /** An event type published once before the trial. */
    public static final class Other1 {
    }

    /** An event type published once before the trial. */
    public static final class Other2 {
    }

    /** An event type published once before the trial. */
    public static final class Other3 {
    }

    /** One listener method per type published before the trial. */
    public static class OtherSink {

        int seen;

        /**
         * Counts an event.
         *
         * @param event the event
         */
        public void on0(Other0 event) {
            seen++;
        }

        /**
         * Counts an event.
         *
         * @param event the event
         */
        public void on1(Other1 event) {
            seen++;
        }

        /**
         * Counts an event.
         *
         * @param event the event
         */
        public void on2(Other2 event) {
            seen++;
        }

        /**
         * Counts an event.
         *
         * @param event the event
         */
        public void on3(Other3 event) {
            seen++;
        }
    }

    /** One listener method per type. */
    public static class Sink {

        long sum;

        /**
         * Adds a type-0 event's value.
         *
         * @param event the event
         */
        public void on0(E0 event) {
            sum += event.value;
        }

        /**
         * Adds a type-1 event's value.
         *
         * @param event the event
         */
        public void on1(E1 event) {
            sum += event.value;
        }

        /**
         * Adds a type-2 event's value.
         *
         * @param event the event
         */
        public void on2(E2 event) {
            sum += event.value;
        }

        /**
         * Adds a type-3 event's value.
         *
         * @param event the event
         */
        public void on3(E3 event) {
            sum += event.value;
        }

        /**
         * Adds a type-4 event's value.
         *
         * @param event the event
         */
        public void on4(E4 event) {
            sum += event.value;
        }

        /**
         * Adds a type-5 event's value.
         *
         * @param event the event
         */
        public void on5(E5 event) {
            sum += event.value;
        }

        /**
         * Adds a type-6 event's value.
         *
         * @param event the event
         */
        public void on6(E6 event) {
            sum += event.value;
        }

        /**
         * Adds a type-7 event's value.
         *
         * @param event the event
         */
        public void on7(E7 event) {
            sum += event.value;
        }
    }

    /** How many types are published in turn. */
    @Param({"1", "2", "4", "8"})
    public int types;

    private final Sink sink = new Sink();
    private final Object[] events = {new E0(), new E1(), new E2(), new E3(), new E4(), new E5(), new E6(), new E7()};
    private final OtherSink otherSink = new OtherSink();
    private EventDispatcher dispatcher;
    private EventDispatcher crowded;
    private int next;

    /**
     * Builds the engine with one listener per type, and a second one that also has a listener for each
     * other type, into whose slot for this thread the four other types are published once (JMH runs a
     * trial's set-up on the thread that then runs the benchmark).
     *
     * @throws Exception if a listener method is missing
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        List<ListenerDefinition> definitions = new ArrayList<>();
        for (int type = 0; type < events.length; type++) {
            definitions.add(ListenerDefinition.of("sink", sink,
                    Sink.class.getMethod("on" + type, events[type].getClass()), 0, Delivery.SYNC));
        }
        dispatcher = new EventDispatcher(definitions, DispatcherSettings.defaults());
        Object[] others = {new Other0(), new Other1(), new Other2(), new Other3()};
        for (int type = 0; type < others.length; type++) {
            definitions.add(ListenerDefinition.of("others", otherSink,
                    OtherSink.class.getMethod("on" + type, others[type].getClass()), 0, Delivery.SYNC));
        }
        crowded = new EventDispatcher(definitions, DispatcherSettings.defaults());
        for (Object other : others) {
            crowded.dispatch(other);
        }
        if (otherSink.seen != others.length) {
            throw new IllegalStateException("the other types reached " + otherSink.seen + " listeners");
        }
    }

    /** The next type's event through the engine. */
    @Benchmark
    public void zeroGcPublish() {
        dispatcher.dispatch(events[next++ & (types - 1)]);
    }

    /** The next type's event through the engine, after four other types took the thread's slot. */
    @Benchmark
    public void zeroGcPublishAfterOthers() {
        crowded.dispatch(events[next++ & (types - 1)]);
    }

    /** The next type's listener method, called directly. */
    @Benchmark
    public void directCalls() {
        int type = next++ & (types - 1);
        Object event = events[type];
        switch (type) {
            case 0 -> sink.on0((E0) event);
            case 1 -> sink.on1((E1) event);
            case 2 -> sink.on2((E2) event);
            case 3 -> sink.on3((E3) event);
            case 4 -> sink.on4((E4) event);
            case 5 -> sink.on5((E5) event);
            case 6 -> sink.on6((E6) event);
            case 7 -> sink.on7((E7) event);
            default -> throw new IllegalStateException("type " + type);
        }
    }
}
