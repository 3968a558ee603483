package io.zerogc.events.stats;

/**
 * The state of one pool of event containers.
 *
 * @param type the pooled class's name
 * @param size instances in the pool
 * @param borrowed instances in use now (borrowed and not yet returned)
 * @param misses instances allocated because the pool was exhausted ({@code allocate} policy)
 * @param waits borrows that had to wait for an instance ({@code block} policy)
 */
public record PoolStatistics(String type, int size, long borrowed, long misses, long waits) {
}
