package io.zerogc.events.autoconfigure;

import io.zerogc.events.dispatch.EventDispatcher;
import java.time.Duration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Drains and stops asynchronous delivery when the context closes.
 *
 * <p>Consumers start as soon as the listeners are compiled (so that events published during startup
 * cannot fill the ring with nobody to empty it). On stop, publishing for asynchronous listeners is
 * refused, every accepted event is delivered within {@code zerogc.events.async.shutdown-timeout}, and
 * the number of events that could not be is logged. The phase is below the web server's, so requests
 * stop arriving before the ring drains, and other lifecycle beans at the default phase stop first.
 */
final class AsyncDeliveryLifecycle implements SmartLifecycle {

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
            long undelivered = dispatcher.close(timeout);
            if (undelivered > 0) {
                logger.warn(undelivered + " events accepted for asynchronous delivery were not delivered within "
                        + "zerogc.events.async.shutdown-timeout=" + timeout);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            logger.warn("Interrupted while draining asynchronous delivery; undelivered events are lost");
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
