/**
 * jcstress tests of the pools' free list; in its package so they can reach the package-private queue.
 */
package io.zerogc.events.pool;
