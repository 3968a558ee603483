package io.zerogc.events.autoconfigure;

import io.zerogc.events.dispatch.EventDispatcher;
import java.time.Duration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Stops and restarts asynchronous delivery with the context, and shuts it down when the context closes.
 *
 * <p>Consumers start as soon as the listeners are compiled (so that events published during startup
 * cannot fill the ring with nobody to empty it). On {@code stop()} (the context closing, or a
 * {@code Lifecycle} stop such as a CRaC checkpoint), publishing for asynchronous listeners is refused
 * with a {@code PublisherClosedException}, every accepted event is delivered within
 * {@code zerogc.events.async.shutdown-timeout}, the consumer threads end, and the exact number of events
 * that could not be delivered is logged; {@code start()} resumes where they left off. Destroying the
 * bean, when the context closes, ends delivery for good. The phase is below the web server's, so
 * requests stop arriving before the ring drains, and other lifecycle beans at the default phase stop
 * first.
 */
final class AsyncDeliveryLifecycle implements SmartLifecycle, DisposableBean {

    /** Stops after the web server (DEFAULT_PHASE - 2048) and after default-phase beans. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Log logger = LogFactory.getLog(AsyncDeliveryLifecycle.class);

    private final DispatchingEventPublisher publisher;
    private final Duration timeout;
    private volatile boolean running;

    AsyncDeliveryLifecycle(DispatchingEventPublisher publisher, Duration timeout) {
        this.publisher = publisher;
        this.timeout = timeout;
    }

    @Override
    public void start() {
        EventDispatcher dispatcher = publisher.dispatcher();
        if (dispatcher != null) {
            dispatcher.start();
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        EventDispatcher dispatcher = publisher.dispatcher();
        if (dispatcher == null) {
            return;
        }
        try {
            report(dispatcher.stop(timeout), "they stay in the ring and are delivered when the application starts"
                    + " again, or lost if it closes");
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            logger.warn("Interrupted while draining asynchronous delivery; undelivered events stay in the ring");
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        EventDispatcher dispatcher = publisher.dispatcher();
        if (dispatcher != null) {
            report(dispatcher.close(timeout), "they are lost");
        }
    }

    private void report(long undelivered, String fate) {
        if (undelivered > 0) {
            logger.warn(undelivered + " events accepted for asynchronous delivery were not delivered within"
                    + " zerogc.events.async.shutdown-timeout=" + timeout + ": " + fate);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
