package io.zerogc.events.dispatch;

import java.util.Collection;
import java.util.function.Consumer;

/**
 * Calls a value-returning listener and publishes what it returns: an array's or a collection's
 * non-null elements one by one, any other non-null object as one event.
 */
final class ResultPublishingInvoker implements ListenerInvoker {

    private final ResultInvoker invoker;
    private final Consumer<Object> sink;

    ResultPublishingInvoker(ResultInvoker invoker, Consumer<Object> sink) {
        this.invoker = invoker;
        this.sink = sink;
    }

    @Override
    public void onEvent(Object event) {
        Object result = invoker.onEvent(event);
        if (result == null) {
            return;
        }
        if (result instanceof Object[] events) {
            for (Object each : events) {
                publishIfPresent(each);
            }
        }
        else if (result instanceof Collection<?> events) {
            for (Object each : events) {
                publishIfPresent(each);
            }
        }
        else {
            sink.accept(result);
        }
    }

    private void publishIfPresent(Object event) {
        if (event != null) {
            sink.accept(event);
        }
    }
}
