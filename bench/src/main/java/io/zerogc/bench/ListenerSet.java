package io.zerogc.bench;

import io.zerogc.events.Delivery;
import io.zerogc.events.dispatch.ListenerDefinition;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * N listener instances spread round-robin over ten listener classes, so call sites that iterate over
 * them see up to ten receiver types, as in an application with many listener beans.
 */
public final class ListenerSet {

    final Listener0[] l0;
    final Listener1[] l1;
    final Listener2[] l2;
    final Listener3[] l3;
    final Listener4[] l4;
    final Listener5[] l5;
    final Listener6[] l6;
    final Listener7[] l7;
    final Listener8[] l8;
    final Listener9[] l9;
    final List<BenchListener> all = new ArrayList<>();
    private final int count;

    /**
     * Creates the listeners.
     *
     * @param count how many
     */
    public ListenerSet(int count) {
        this.count = count;
        l0 = new Listener0[share(count, 0)];
        l1 = new Listener1[share(count, 1)];
        l2 = new Listener2[share(count, 2)];
        l3 = new Listener3[share(count, 3)];
        l4 = new Listener4[share(count, 4)];
        l5 = new Listener5[share(count, 5)];
        l6 = new Listener6[share(count, 6)];
        l7 = new Listener7[share(count, 7)];
        l8 = new Listener8[share(count, 8)];
        l9 = new Listener9[share(count, 9)];
        for (int i = 0; i < count; i++) {
            int slot = i / 10;
            BenchListener listener = switch (i % 10) {
                case 0 -> l0[slot] = new Listener0();
                case 1 -> l1[slot] = new Listener1();
                case 2 -> l2[slot] = new Listener2();
                case 3 -> l3[slot] = new Listener3();
                case 4 -> l4[slot] = new Listener4();
                case 5 -> l5[slot] = new Listener5();
                case 6 -> l6[slot] = new Listener6();
                case 7 -> l7[slot] = new Listener7();
                case 8 -> l8[slot] = new Listener8();
                default -> l9[slot] = new Listener9();
            };
            all.add(listener);
        }
    }

    private static int share(int count, int index) {
        return count / 10 + (index < count % 10 ? 1 : 0);
    }

    /**
     * The hand-written limit, as a programmer would write it for this many listeners: one call for one
     * listener, ten calls written out for ten, and a typed loop per listener class beyond (every call
     * site monomorphic).
     *
     * @param event the event
     */
    public void callDirectly(BenchEvent event) {
        if (count == 1) {
            l0[0].on(event);
        }
        else if (count == 10) {
            l0[0].on(event);
            l1[0].on(event);
            l2[0].on(event);
            l3[0].on(event);
            l4[0].on(event);
            l5[0].on(event);
            l6[0].on(event);
            l7[0].on(event);
            l8[0].on(event);
            l9[0].on(event);
        }
        else {
            callInLoops(event);
        }
    }

    private void callInLoops(BenchEvent event) {
        for (Listener0 l : l0) {
            l.on(event);
        }
        for (Listener1 l : l1) {
            l.on(event);
        }
        for (Listener2 l : l2) {
            l.on(event);
        }
        for (Listener3 l : l3) {
            l.on(event);
        }
        for (Listener4 l : l4) {
            l.on(event);
        }
        for (Listener5 l : l5) {
            l.on(event);
        }
        for (Listener6 l : l6) {
            l.on(event);
        }
        for (Listener7 l : l7) {
            l.on(event);
        }
        for (Listener8 l : l8) {
            l.on(event);
        }
        for (Listener9 l : l9) {
            l.on(event);
        }
    }

    /**
     * The listeners as engine definitions, as discovery would describe them.
     *
     * @return one definition per listener
     */
    public List<ListenerDefinition> definitions() {
        List<ListenerDefinition> definitions = new ArrayList<>();
        for (BenchListener listener : all) {
            try {
                Method method = listener.getClass().getMethod("on", BenchEvent.class);
                definitions.add(ListenerDefinition.of("listener" + definitions.size(), listener, method,
                        Integer.MAX_VALUE, Delivery.DEFAULT));
            }
            catch (NoSuchMethodException ex) {
                throw new IllegalStateException(ex);
            }
        }
        return definitions;
    }

    /**
     * The sum over all listeners, to check a run delivered.
     *
     * @return the total
     */
    public long total() {
        return all.stream().mapToLong(BenchListener::sum).sum();
    }
}
