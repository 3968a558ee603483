/**
 * Synchronous dispatch engine: listener methods compiled into direct invokers and fixed per-class
 * listener arrays. Plain Java, no Spring imports, so it can be built and benchmarked on its own.
 *
 * <p>Internal: not API, no compatibility promise between versions. Applications use
 * {@code io.zerogc.events}.
 */
package io.zerogc.events.dispatch;
