package io.zerogc.events.dispatch;

import io.zerogc.events.ListenerErrorHandler;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The error handler of asynchronous listeners: the application's handler, with whatever it throws
 * contained. A synchronous handler that rethrows ends the dispatch and reaches the publisher; an
 * asynchronous listener has no publisher to reach (on a consumer thread, or under caller-runs, where the
 * publisher only lent its thread), so the rethrown failure is reported through {@link System.Logger}, at
 * most one line a second with the count since the last, and the remaining listeners still get the event.
 * The event counts as delivered, never as aborted.
 */
final class ContainedErrorHandler implements ListenerErrorHandler {

    private static final System.Logger LOGGER = System.getLogger("io.zerogc.events.dispatch");
    private static final long REPORT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ListenerErrorHandler handler;
    private final AtomicLong unreported = new AtomicLong();
    private final AtomicLong lastReport = new AtomicLong(System.nanoTime() - REPORT_EVERY_NANOS);

    ContainedErrorHandler(ListenerErrorHandler handler) {
        this.handler = handler;
    }

    @Override
    public void handleError(Throwable error, Object event, String listener) {
        try {
            handler.handleError(error, event, listener);
        }
        catch (RuntimeException | Error rethrown) {
            unreported.incrementAndGet();
            long now = System.nanoTime();
            long last = lastReport.get();
            if (now - last >= REPORT_EVERY_NANOS && lastReport.compareAndSet(last, now)) {
                long reported = unreported.getAndSet(0);
                LOGGER.log(System.Logger.Level.WARNING, "The ListenerErrorHandler rethrew " + reported
                        + " failure(s) of asynchronous listeners (the latest of " + listener + " on "
                        + event.getClass().getName() + "); an asynchronous failure cannot reach a publisher, so the"
                        + " other listeners still got the event", rethrown);
            }
        }
    }
}
