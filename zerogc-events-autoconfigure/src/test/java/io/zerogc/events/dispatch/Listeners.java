package io.zerogc.events.dispatch;

import io.zerogc.events.Delivery;
import io.zerogc.events.ListenerErrorHandler;
import io.zerogc.events.ring.AsyncSettings;
import io.zerogc.events.ring.BlockingWaitStrategy;
import io.zerogc.events.ring.OverflowPolicy;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

/**
 * Builds listener definitions from test fixtures.
 */
final class Listeners {

    private Listeners() {
    }

    static ListenerDefinition listener(Object target, String methodName) {
        return listener(target, methodName, Integer.MAX_VALUE);
    }

    static ListenerDefinition listener(Object target, String methodName, int order) {
        return ListenerDefinition.of(target.getClass().getSimpleName(), target, method(target.getClass(), methodName),
                order, Delivery.DEFAULT);
    }

    static Method method(Class<?> type, String name) {
        List<Method> found = Arrays.stream(type.getDeclaredMethods()).filter(m -> m.getName().equals(name)).toList();
        if (found.size() != 1) {
            throw new IllegalArgumentException(type + " has " + found.size() + " methods named " + name);
        }
        return found.get(0);
    }

    /** Asynchronous delivery on daemon consumer threads of the given name, with a blocking wait. */
    static AsyncSettings async(int ringSize, int consumers, OverflowPolicy overflow, ListenerErrorHandler handler,
            String threadName) {
        return new AsyncSettings(ringSize, consumers, new BlockingWaitStrategy(), overflow, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        }, handler);
    }

    static EventDispatcher dispatcher(ListenerDefinition... definitions) {
        return new EventDispatcher(List.of(definitions), DispatcherSettings.defaults());
    }
}
