package io.zerogc.events.autoconfigure;

import io.zerogc.events.ListenerErrorHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs each listener failure at error level, for {@code zerogc.events.error-policy=log-and-continue}.
 */
final class LoggingListenerErrorHandler implements ListenerErrorHandler {

    private static final Log logger = LogFactory.getLog(LoggingListenerErrorHandler.class);

    @Override
    public void handleError(Throwable error, Object event, String listener) {
        logger.error("Listener " + listener + " failed on event of type " + event.getClass().getName(), error);
    }
}
