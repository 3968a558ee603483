/**
 * Synchronous dispatch engine: listener methods compiled into direct invokers and fixed per-class
 * listener arrays. Plain Java, no Spring imports, so it can be built and benchmarked on its own.
 */
package io.zerogc.events.dispatch;
