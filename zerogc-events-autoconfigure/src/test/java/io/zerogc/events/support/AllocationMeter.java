package io.zerogc.events.support;

import java.lang.management.ManagementFactory;

/**
 * Measures the bytes the current thread allocates, with the JVM's per-thread allocation counter.
 *
 * <p>Use {@link #start()} and {@link #bytesSince(long)} around the code measured, with no lambda in
 * between: a lambda of a new class passed to a shared, already compiled measuring method would
 * deoptimise it and count the JIT's own bookkeeping.
 */
public final class AllocationMeter {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** What reading the counter twice costs, if anything. */
    private static final long OVERHEAD = calibrate();

    private AllocationMeter() {
    }

    /**
     * Starts a measurement.
     *
     * @return the thread's allocation counter now
     */
    public static long start() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /**
     * Ends a measurement.
     *
     * @param start what {@link #start()} returned on this thread
     * @return the bytes this thread allocated since, less the cost of reading the counter
     */
    public static long bytesSince(long start) {
        long end = THREADS.getCurrentThreadAllocatedBytes();
        return end - start - OVERHEAD;
    }

    /**
     * Bytes another live thread has allocated so far.
     *
     * @param thread the thread, alive
     * @return its allocation counter
     */
    @SuppressWarnings("deprecation") // Thread.getId: threadId() is Java 19+
    public static long allocatedBy(Thread thread) {
        return THREADS.getThreadAllocatedBytes(thread.getId());
    }

    private static long calibrate() {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 1_000; i++) {
            long start = THREADS.getCurrentThreadAllocatedBytes();
            least = Math.min(least, THREADS.getCurrentThreadAllocatedBytes() - start);
        }
        return least;
    }
}
