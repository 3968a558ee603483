package io.zerogc.events.autoconfigure;

import io.zerogc.events.dispatch.DispatchStatistics;
import io.zerogc.events.dispatch.DispatchStatistics.Figure;
import io.zerogc.events.dispatch.EventDispatcher;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Tells what asynchronous delivery's overflow policy dropped or refused: a WARN line per event type at
 * most once a second, with the count since the previous line. A thread of its own reads the counters the
 * endpoint reads, so publishers neither log nor allocate for it; the last counts are told when the
 * context stops.
 */
final class DropWarnings implements SmartLifecycle, Runnable {

    private static final Log logger = LogFactory.getLog(DropWarnings.class);
    private static final long EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final DispatchingEventPublisher publisher;
    private final String overflow;
    /** Dropped and refused counts as last told, per event type; only the reporting thread uses it. */
    private final Map<Class<?>, long[]> told = new HashMap<>();
    private volatile Thread thread;

    /**
     * @param overflow the overflow policy's property value, named in the lines
     */
    DropWarnings(DispatchingEventPublisher publisher, String overflow) {
        this.publisher = publisher;
        this.overflow = overflow;
    }

    @Override
    public synchronized void start() {
        if (thread == null) {
            Thread started = new Thread(this, "zerogc-events-drop-warnings");
            started.setDaemon(true);
            thread = started;
            started.start();
        }
    }

    @Override
    public void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                TimeUnit.NANOSECONDS.sleep(EVERY_NANOS);
            }
            catch (InterruptedException ex) {
                return;
            }
            tell();
        }
    }

    /**
     * One line per type whose drops or refusals grew since the last line. Reads two counts per published
     * type, not the endpoint's statistics of every listener: once a second, with hundreds of listeners,
     * those cost the machine's publishers and consumers CPU and a young collection now and then.
     */
    synchronized void tell() {
        EventDispatcher dispatcher = publisher.dispatcher();
        if (dispatcher == null) {
            return;
        }
        DispatchStatistics statistics = dispatcher.statistics();
        for (Class<?> type : statistics.publishedTypes()) {
            long droppedSoFar = statistics.count(type, Figure.DROPPED);
            long refusedSoFar = statistics.count(type, Figure.REFUSED);
            if (droppedSoFar == 0 && refusedSoFar == 0) {
                continue;
            }
            long[] last = told.computeIfAbsent(type, key -> new long[2]);
            long dropped = droppedSoFar - last[0];
            long refused = refusedSoFar - last[1];
            if (dropped > 0) {
                logger.warn("Dropped " + dropped + " " + type.getName() + " events for their asynchronous listeners"
                        + " since the last line (" + droppedSoFar + " so far): the ring was full and"
                        + " zerogc.events.async.overflow=" + overflow);
            }
            if (refused > 0) {
                logger.warn("Refused " + refused + " " + type.getName() + " events to their publishers since the"
                        + " last line (" + refusedSoFar + " so far): the ring was full under"
                        + " zerogc.events.async.overflow=fail, or asynchronous delivery was stopped");
            }
            last[0] = droppedSoFar;
            last[1] = refusedSoFar;
        }
    }

    @Override
    public synchronized void stop() {
        Thread running = thread;
        thread = null;
        if (running != null) {
            running.interrupt();
        }
        tell();
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /** Stops after asynchronous delivery, so that its last refusals are told too. */
    @Override
    public int getPhase() {
        return AsyncDeliveryLifecycle.PHASE - 2;
    }
}
