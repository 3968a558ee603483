/**
 * Dispatch statistics kept without allocating or locking on the hot path: striped counters for what
 * publishers count, single-writer counters for what consumers count, and read-side snapshots.
 *
 * <p>Internal: not API, no compatibility promise between versions. Applications use
 * {@code io.zerogc.events}.
 */
package io.zerogc.events.stats;
