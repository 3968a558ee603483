package io.zerogc.events;

/**
 * Thrown by a borrow when every instance of the pool is in use and the pool is set to fail then
 * ({@code zerogc.events.pool.exhausted=fail}).
 *
 * <p>Cheap to throw at peak load: it has no stack trace (where it is thrown is always the borrow), and
 * its message is composed only when read.
 */
public final class PoolExhaustedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final Class<?> type;
    private final int size;

    /**
     * Creates the exception.
     *
     * @param type the pooled type
     * @param size the pool's size
     */
    public PoolExhaustedException(Class<?> type, int size) {
        this.type = type;
        this.size = size;
    }

    /**
     * The pooled type.
     *
     * @return the type whose pool is exhausted
     */
    public Class<?> pooledType() {
        return type;
    }

    @Override
    public String getMessage() {
        return "Pool of " + type.getName() + " exhausted: all " + size + " instances are in use (exhausted policy:"
                + " fail)";
    }

    /** No stack trace: the refusal is a policy, not a fault, and this keeps throwing it cheap. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
