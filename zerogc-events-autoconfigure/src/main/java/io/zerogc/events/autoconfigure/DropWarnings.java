package io.zerogc.events.autoconfigure;

import io.zerogc.events.dispatch.EventDispatcher;
import io.zerogc.events.stats.EventTypeStatistics;
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
    private final Map<String, long[]> told = new HashMap<>();
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

    /** One line per type whose drops or refusals grew since the last line. */
    synchronized void tell() {
        EventDispatcher dispatcher = publisher.dispatcher();
        if (dispatcher == null) {
            return;
        }
        for (EventTypeStatistics type : dispatcher.statistics().eventTypes()) {
            if (type.dropped() == 0 && type.refused() == 0) {
                continue;
            }
            long[] last = told.computeIfAbsent(type.type(), name -> new long[2]);
            long dropped = type.dropped() - last[0];
            long refused = type.refused() - last[1];
            if (dropped > 0) {
                logger.warn("Dropped " + dropped + " " + type.type() + " events for their asynchronous listeners"
                        + " since the last line (" + type.dropped() + " so far): the ring was full and"
                        + " zerogc.events.async.overflow=" + overflow);
            }
            if (refused > 0) {
                logger.warn("Refused " + refused + " " + type.type() + " events to their publishers since the last"
                        + " line (" + type.refused() + " so far): the ring was full under"
                        + " zerogc.events.async.overflow=fail, or asynchronous delivery was stopped");
            }
            last[0] = type.dropped();
            last[1] = type.refused();
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
