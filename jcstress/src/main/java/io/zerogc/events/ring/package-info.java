/**
 * jcstress tests of the ring protocol; in the ring's package so they can reach its package-private
 * consumer side.
 */
package io.zerogc.events.ring;
