package io.zerogc.bench;

import io.zerogc.events.ZeroGcListener;

/**
 * The benchmark listener body under {@code @ZeroGcListener} alone, for runs inside a Spring context,
 * where {@code @EventListener} would register the same method a second time on Spring's path.
 */
public class CompiledOnlyListener implements BenchListener {

    private long sum;

    /**
     * Adds the event's value.
     *
     * @param event the event
     */
    @ZeroGcListener
    public void on(BenchEvent event) {
        sum += event.value;
    }

    @Override
    public long sum() {
        return sum;
    }
}
