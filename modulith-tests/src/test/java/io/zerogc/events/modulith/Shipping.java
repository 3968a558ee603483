package io.zerogc.events.modulith;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A module listener (asynchronous, after commit, in a transaction of its own) that can fail once per
 * order. Its state is read through methods: the bean is a proxy.
 */
@Component
public class Shipping {

    private final Set<Long> failOnce = ConcurrentHashMap.newKeySet();
    private final List<Long> shipped = new CopyOnWriteArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();

    @ApplicationModuleListener
    void on(OrderPlaced order) {
        attempts.incrementAndGet();
        if (failOnce.remove(order.id())) {
            throw new IllegalStateException("shipping order " + order.id() + " fails this once");
        }
        shipped.add(order.id());
    }

    /**
     * Makes shipping an order fail, the first time.
     *
     * @param id the order's id
     */
    public void failOnce(long id) {
        failOnce.add(id);
    }

    /**
     * The orders shipped, in the order they were.
     *
     * @return the orders' ids
     */
    public List<Long> shipped() {
        return shipped;
    }

    /**
     * Calls, failed ones included.
     *
     * @return the number of calls
     */
    public int attempts() {
        return attempts.get();
    }
}
