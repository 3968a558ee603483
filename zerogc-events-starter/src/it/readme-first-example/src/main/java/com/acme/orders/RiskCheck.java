package com.acme.orders;

import io.zerogc.events.ZeroGcListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

@Component
class RiskCheck {

    @ZeroGcListener
    @Order(0)                                   // ascending; none = lowest precedence
    OrderRejected check(OrderPlaced order) {    // a returned value is published as a further event
        return order.quantity() > 900 ? new OrderRejected(order.orderId()) : null;
    }
}
