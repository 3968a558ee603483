package io.zerogc.events.modulith;

import org.springframework.modulith.events.Externalized;

/**
 * An order shipped, sent to other services: externalized, by Spring Modulith or by the starter's relay.
 *
 * @param id the order's id
 */
@Externalized("shipments::#{id()}")
public record OrderShipped(long id) {
}
