package com.acme.orders;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The README's first example, built against the installed starter with nothing but the README's
 * dependency: a large order is rejected by the risk check and taken off the book again.
 */
@SpringBootTest
class OrdersApplicationTest {

    @Autowired
    Orders orders;

    @Autowired
    TradeBook book;

    @Test
    void ordersAreBookedAndLargeOnesRejected() {
        orders.place(1, 10);
        orders.place(2, 1000);

        assertThat(book.openOrders()).isEqualTo(1);
    }
}
