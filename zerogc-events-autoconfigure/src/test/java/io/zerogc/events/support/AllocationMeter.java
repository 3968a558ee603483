package io.zerogc.events.support;

import java.lang.management.ManagementFactory;

/**
 * Measures the bytes the current thread allocates, with the JVM's per-thread allocation counter.
 */
public final class AllocationMeter {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationMeter() {
    }

    /**
     * Bytes allocated by the calling thread so far.
     *
     * @return the thread's allocation counter
     */
    public static long allocatedBytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /**
     * Bytes the calling thread allocates while running the action, less what reading the counter
     * itself costs.
     *
     * @param action what to measure
     * @return the bytes allocated by the action
     */
    public static long bytesAllocatedBy(Runnable action) {
        long calibrationStart = allocatedBytes();
        long calibrationEnd = allocatedBytes();
        long start = allocatedBytes();
        action.run();
        long end = allocatedBytes();
        return (end - start) - (calibrationEnd - calibrationStart);
    }
}
