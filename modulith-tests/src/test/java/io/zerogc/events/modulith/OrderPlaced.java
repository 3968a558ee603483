package io.zerogc.events.modulith;

/**
 * An order placed: every listener of the application gets it.
 *
 * @param id the order's id
 */
public record OrderPlaced(long id) {
}
