package io.zerogc.bench;

import java.util.concurrent.ThreadPoolExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The Spring peer's executor in the async benchmarks: one daemon thread and a bounded queue whose
 * submitters block when it is full, as the other peers' publishers do (Spring's executor has no
 * blocking submit of its own).
 */
final class BlockingExecutors {

    private BlockingExecutors() {
    }

    static ThreadPoolTaskExecutor singleThread(int capacity) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        executor.setQueueCapacity(capacity);
        executor.setDaemon(true);
        executor.setRejectedExecutionHandler(BlockingExecutors::waitForRoom);
        executor.initialize();
        return executor;
    }

    private static void waitForRoom(Runnable task, ThreadPoolExecutor executor) {
        try {
            executor.getQueue().put(task);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
