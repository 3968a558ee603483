package io.zerogc.events.dispatch;

import java.lang.reflect.Method;

/**
 * Test access to listener methods for tests outside this package.
 */
public final class TestListeners {

    private TestListeners() {
    }

    /**
     * The single method of a name.
     *
     * @param type the class
     * @param name the method's name
     * @return the method
     */
    public static Method method(Class<?> type, String name) {
        return Listeners.method(type, name);
    }
}
