package io.zerogc.events.stats;

import java.util.List;

/**
 * Counters of one concrete event type, with its listeners.
 *
 * @param type the event class's name ({@code Class#getName})
 * @param published events published
 * @param delivered events whose delivery to every listener finished (failing listeners included); with
 *     asynchronous listeners, once every consumer concerned has delivered them
 * @param failed listener calls that threw
 * @param dropped events dropped for their asynchronous listeners because the ring was full
 * @param listeners the listeners it reaches, in order
 */
public record EventTypeStatistics(String type, long published, long delivered, long failed, long dropped,
        List<ListenerStatistics> listeners) {
}
