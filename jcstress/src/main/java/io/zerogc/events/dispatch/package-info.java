/**
 * jcstress tests of the run-time subscriber lanes; in the engine's package so they can reach its
 * package-private lane.
 */
package io.zerogc.events.dispatch;
