package io.zerogc.events.stats;

/**
 * One listener as seen from one event type.
 *
 * @param bean the bean declaring it
 * @param method the method, as {@code BeanClass.method(EventType)}
 * @param order its order
 * @param delivery {@code SYNC} or {@code ASYNC}
 * @param consumer the consumer thread's index for asynchronous listeners, else {@code null}
 * @param invocations calls made for events of this type
 * @param failures of those calls, the ones that threw
 * @param latency how long the listener's calls took, over all event types; {@code null} unless latency
 *     sampling is on
 */
public record ListenerStatistics(String bean, String method, int order, String delivery, Integer consumer,
        long invocations, long failures, LatencyStatistics latency) {
}
