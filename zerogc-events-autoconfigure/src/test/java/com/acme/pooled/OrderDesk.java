package com.acme.pooled;

import io.zerogc.events.ZeroGcEventPublisher;
import org.springframework.stereotype.Service;

@Service
public class OrderDesk {

    private final ZeroGcEventPublisher publisher;

    OrderDesk(ZeroGcEventPublisher publisher) {
        this.publisher = publisher;
    }

    public void place(long id, int quantity) {
        // tag::plain[]
        // Plain form: borrow, fill, publish (no lambda, no boxing: primitives go straight into fields).
        publisher.publish(publisher.borrow(OrderPlaced.class).set(id, quantity));
        // end::plain[]
    }

    public void place(Order order) {
        // tag::filler[]
        // Lambda-friendly form: a static (non-capturing) filler plus explicit arguments, like the Disruptor's
        // EventTranslatorOneArg. Up to three arguments; pass objects (a primitive would be boxed), or use the
        // plain form for primitives. If the filler throws, the event goes back to the pool.
        publisher.publish(OrderPlaced.class, OrderPlaced::fill, order);
        // end::filler[]
    }
}
