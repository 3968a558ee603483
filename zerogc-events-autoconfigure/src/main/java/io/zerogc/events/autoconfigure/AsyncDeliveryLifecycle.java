package io.zerogc.events.autoconfigure;

import io.zerogc.events.dispatch.EventDispatcher;
import java.time.Duration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ConfigurableApplicationContext;
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
    /** Tells a stop that is the context closing (its events are then lost) from one it comes back from. */
    private final ConfigurableApplicationContext context;
    private volatile boolean running;
    /** Whether the stop that is part of the close already told what the close loses. */
    private volatile boolean toldAtClose;

    AsyncDeliveryLifecycle(DispatchingEventPublisher publisher, Duration timeout, ConfigurableApplicationContext context) {
        this.publisher = publisher;
        this.timeout = timeout;
        this.context = context;
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
            long undelivered = dispatcher.stop(timeout);
            toldAtClose = context.isClosed();
            report(dispatcher, undelivered, toldAtClose ? "the application is closing, they are lost"
                    : "the application stopped; they stay in the ring and are delivered when it starts again");
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
            long undelivered = dispatcher.close(timeout);
            if (!toldAtClose) {
                report(dispatcher, undelivered, "the application is closing, they are lost");
            }
        }
    }

    private void report(EventDispatcher dispatcher, long undelivered, String fate) {
        if (undelivered > 0) {
            logger.warn(undelivered + " events accepted for asynchronous delivery were not delivered within"
                    + " zerogc.events.async.shutdown-timeout=" + timeout + " " + dispatcher.lastUndelivered()
                    + ": " + fate);
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
