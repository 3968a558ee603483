/**
 * Asynchronous delivery: a pre-allocated multi-producer ring of event slots, consumer threads that
 * drain it in batches along the routes the dispatch engine attaches to each slot, wait strategies and
 * overflow policies. Plain Java, no Spring imports.
 *
 * <p>Internal: not API, no compatibility promise between versions. Applications use
 * {@code io.zerogc.events}.
 */
package io.zerogc.events.ring;
