/**
 * Asynchronous delivery: a pre-allocated multi-producer ring of event slots, consumer threads that
 * drain it in batches, wait strategies and overflow policies. Plain Java, no Spring imports.
 */
package io.zerogc.events.ring;
