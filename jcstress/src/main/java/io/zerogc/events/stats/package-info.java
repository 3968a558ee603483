/**
 * jcstress tests of the statistics counters that publishing threads write without atomic instructions.
 */
package io.zerogc.events.stats;
