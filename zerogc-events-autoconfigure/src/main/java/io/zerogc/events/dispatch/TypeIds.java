package io.zerogc.events.dispatch;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small integer per event class, the same for every engine in the JVM, handed out on first use.
 *
 * <p>This is the only state keyed by event classes that outlives an engine, and it holds nothing but
 * the number: a value stored in a {@link ClassValue} stays reachable as long as its class does (a
 * {@code String} event lives as long as the JVM), so a value that reached an engine, and through its
 * listeners an application context, would keep that context alive after it closed. Engines keep their
 * routes in arrays of their own indexed by these ids.
 */
final class TypeIds {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private static final ClassValue<Id> IDS = new ClassValue<>() {
        @Override
        protected Id computeValue(Class<?> type) {
            return new Id(NEXT.getAndIncrement());
        }
    };

    private TypeIds() {
    }

    /**
     * The class's id: lock-free and allocation-free after the first call for the class.
     *
     * @param type an event class
     * @return its id, from 0 upwards
     */
    static int of(Class<?> type) {
        return IDS.get(type).value;
    }

    /** Boxes the id; references nothing else. */
    private static final class Id {

        final int value;

        Id(int value) {
            this.value = value;
        }
    }
}
