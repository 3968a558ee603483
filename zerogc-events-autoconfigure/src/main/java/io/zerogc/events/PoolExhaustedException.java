package io.zerogc.events;

/**
 * Thrown by a borrow when every instance of the pool is in use and the pool is set to fail then
 * ({@code zerogc.events.pool.exhausted=fail}).
 */
public final class PoolExhaustedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param type the pooled type
     * @param size the pool's size
     */
    public PoolExhaustedException(Class<?> type, int size) {
        super("Pool of " + type.getName() + " exhausted: all " + size
                + " instances are in use (zerogc.events.pool.exhausted=fail)");
    }
}
