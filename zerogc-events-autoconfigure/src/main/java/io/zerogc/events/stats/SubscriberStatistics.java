package io.zerogc.events.stats;

/**
 * The run-time subscribers of one concrete event type. At any moment when no event of the type is being
 * delivered, {@code invocations} is the number of calls the subscribers received, summed over all of them,
 * closed ones included.
 *
 * @param sync subscriptions open now that run on the publishing thread
 * @param async subscriptions open now that run on a consumer thread
 * @param invocations calls made to subscribers for events of this type, since startup
 * @param failures of those calls, the ones that threw (counted in the type's {@code failed} too)
 */
public record SubscriberStatistics(int sync, int async, long invocations, long failures) {
}
