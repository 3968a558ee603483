package io.zerogc.events.parity;

import org.springframework.context.ApplicationEvent;

/** An application event that implements an interface listeners take. */
final class Refund extends ApplicationEvent implements Audited {

    private static final long serialVersionUID = 1L;

    Refund(Object source) {
        super(source);
    }

    @Override
    public String subject() {
        return "refund";
    }
}
