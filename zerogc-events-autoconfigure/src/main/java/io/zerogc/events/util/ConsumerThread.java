package io.zerogc.events.util;

/**
 * Marks the threads that deliver events from a ring, so that code they call can tell it must not wait
 * for a resource only consumers free: a consumer that waits for itself never wakes.
 */
public final class ConsumerThread {

    /** Holds {@link Boolean#TRUE} on a consumer thread; a JDK constant, so it keeps nothing of ours alive. */
    private static final ThreadLocal<Boolean> MARK = new ThreadLocal<>();

    private ConsumerThread() {
    }

    /** Marks the calling thread as a consumer; the consumer's own loop calls it when it starts. */
    public static void enter() {
        MARK.set(Boolean.TRUE);
    }

    /** Removes the mark; the consumer's loop calls it when it ends. */
    public static void exit() {
        MARK.remove();
    }

    /**
     * Whether the calling thread delivers events from a ring. A thread-local read: for slow paths only.
     *
     * @return {@code true} on a consumer thread
     */
    public static boolean isCurrent() {
        return MARK.get() != null;
    }
}
