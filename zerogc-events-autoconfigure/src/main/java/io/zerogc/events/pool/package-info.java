/**
 * Pooled event containers: pre-allocated mutable events handed out through lock-free free lists and
 * returned once their last listener has run. Plain Java, no Spring imports.
 *
 * <p>Internal: not API, no compatibility promise between versions. Applications use
 * {@code io.zerogc.events}.
 */
package io.zerogc.events.pool;
