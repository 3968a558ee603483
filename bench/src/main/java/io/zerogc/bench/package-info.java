/**
 * JMH benchmarks: zerogc-events side by side with Spring, Guava and direct calls, with the same
 * listener bodies so that only dispatch differs.
 */
package io.zerogc.bench;
