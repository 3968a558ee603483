package io.zerogc.events.dispatch;

/**
 * Receives, after the engine's own listeners, the events {@linkplain EventDispatcher#publish published}
 * (not merely {@linkplain EventDispatcher#dispatch dispatched}) whose class it follows: listeners outside
 * the engine, such as a framework's.
 *
 * <p>Whether it follows a class is asked once per class and kept in the class's route, so a class it
 * does not follow costs nothing more than publishing without a follower. When the answer may have
 * changed, {@link EventDispatcher#followerChanged()} makes the engine ask again.
 */
public interface EventFollower {

    /**
     * Whether events of a class go to {@link #follow}.
     *
     * @param eventClass a concrete event class
     * @return {@code true} to receive its events
     */
    boolean follows(Class<?> eventClass);

    /**
     * Receives an event, after the engine's synchronous listeners ran and its asynchronous ones were
     * handed the event, on the publishing thread.
     *
     * @param event an event of a followed class
     */
    void follow(Object event);
}
