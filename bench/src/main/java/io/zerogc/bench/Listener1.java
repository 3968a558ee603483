package io.zerogc.bench;

import com.google.common.eventbus.AllowConcurrentEvents;
import com.google.common.eventbus.Subscribe;
import io.zerogc.events.ZeroGcListener;
import org.springframework.context.event.EventListener;

/**
 * Benchmark listener 1: one method carries every framework's annotation, so all of them call the
 * same body.
 */
public class Listener1 implements BenchListener {

    private long sum;

    /**
     * Adds the event's value.
     *
     * @param event the event
     */
    @ZeroGcListener
    @EventListener
    @Subscribe
    @AllowConcurrentEvents
    public void on(BenchEvent event) {
        sum += event.value;
    }

    @Override
    public long sum() {
        return sum;
    }
}
