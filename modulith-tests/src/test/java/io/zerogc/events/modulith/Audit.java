package io.zerogc.events.modulith;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Plain {@code @EventListener}s: synchronous, in the publishing transaction. */
@Component
public class Audit {

    private final List<Long> seen = new CopyOnWriteArrayList<>();
    private final List<Long> seenFirst = new CopyOnWriteArrayList<>();

    @EventListener
    void on(OrderPlaced order) {
        seen.add(order.id());
    }

    /** Before every other listener: with {@code compile-event-listeners}, the starter compiles it. */
    @EventListener
    @Order(0)
    void first(OrderPlaced order) {
        seenFirst.add(order.id());
    }

    /**
     * The orders seen first, in order.
     *
     * @return the orders' ids
     */
    public List<Long> seenFirst() {
        return seenFirst;
    }

    /**
     * The orders seen, in order.
     *
     * @return the orders' ids
     */
    public List<Long> seen() {
        return seen;
    }
}
