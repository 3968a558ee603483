package io.zerogc.events.pool;

import io.zerogc.events.PoolExhaustedException;

/**
 * What borrowing does when every pooled instance is in use.
 */
public enum ExhaustedPolicy {

    /**
     * Wait (spin, yield, then park briefly) until an instance is returned; each wait is counted. A ring
     * consumer thread does not wait (it may hold the very instances it would wait for): it gets a new
     * instance, counted as a miss.
     */
    BLOCK,

    /** Allocate a fresh instance, counted as a miss; it is discarded, not pooled, once released. */
    ALLOCATE,

    /** Throw {@link PoolExhaustedException}. */
    FAIL
}
