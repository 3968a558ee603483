package io.zerogc.events.stats;

import java.util.List;

/**
 * Counters of one concrete event type, with its listeners. Once every accepted event has been delivered,
 * {@code published = delivered + dropped + refused + aborted}.
 *
 * @param type the event class's name ({@code Class#getName})
 * @param published events published (every call, refused ones included)
 * @param delivered events whose delivery to every listener finished (failing listeners whose failure was
 *     handled included); with asynchronous listeners, once every consumer concerned has delivered them,
 *     or the publishing thread did under caller-runs
 * @param failed listener and subscriber calls that threw
 * @param dropped events dropped for their asynchronous listeners because the ring was full ({@code drop})
 * @param refused events refused with an exception to the publisher: the ring was full ({@code fail}), or
 *     asynchronous delivery was stopped or shut down
 * @param aborted events whose delivery a listener failure cut short by reaching the publisher
 * @param listeners the listeners it reaches, in order
 * @param subscribers its run-time subscribers
 */
public record EventTypeStatistics(String type, long published, long delivered, long failed, long dropped,
        long refused, long aborted, List<ListenerStatistics> listeners, SubscriberStatistics subscribers) {
}
