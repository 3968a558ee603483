package io.zerogc.events.modulith;

import io.zerogc.events.ZeroGcEventPublisher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Places orders in transactions, as application code does: through the injected publisher. */
@Service
public class Orders {

    private final ApplicationEventPublisher events;
    private final ObjectProvider<ZeroGcEventPublisher> zeroGc;

    Orders(ApplicationEventPublisher events, ObjectProvider<ZeroGcEventPublisher> zeroGc) {
        this.events = events;
        this.zeroGc = zeroGc;
    }

    /**
     * Places an order, its event published with the injected {@code ApplicationEventPublisher}.
     *
     * @param id the order's id
     */
    @Transactional
    public void place(long id) {
        events.publishEvent(new OrderPlaced(id));
    }

    /**
     * Places an order, its event published with {@code ZeroGcEventPublisher}.
     *
     * @param id the order's id
     */
    @Transactional
    public void placeWithZeroGcPublisher(long id) {
        zeroGc.getObject().publish(new OrderPlaced(id));
    }

    /**
     * Publishes an order's event with {@code ZeroGcEventPublisher}, then fails, so that the transaction
     * rolls back.
     *
     * @param id the order's id
     */
    @Transactional
    public void placeAndFail(long id) {
        zeroGc.getObject().publish(new OrderPlaced(id));
        throw new IllegalStateException("order " + id + " rejected after its event was published");
    }
}
