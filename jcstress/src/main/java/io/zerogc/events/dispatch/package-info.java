/**
 * jcstress tests of the run-time subscriber lanes and of the routes they are installed in; in the
 * engine's package so they can reach its package-private lane.
 */
package io.zerogc.events.dispatch;
