/**
 * Pooled event containers: pre-allocated mutable events handed out through lock-free free lists and
 * returned once their last listener has run. Plain Java, no Spring imports.
 */
package io.zerogc.events.pool;
