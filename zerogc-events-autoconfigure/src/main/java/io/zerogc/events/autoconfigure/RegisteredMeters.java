package io.zerogc.events.autoconfigure;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * The meters a binder of the starter registered, so that they leave their registries when the context
 * closes. A registry can outlive the context (Micrometer's global registry holds Boot's), and a meter's
 * function reaches the engine, its listeners and so the context's beans: left registered, it would keep
 * a closed context alive.
 */
public final class RegisteredMeters {

    /** Guarded by this. */
    private final List<Registered> registered = new ArrayList<>();
    /** Guarded by this. */
    private boolean closed;

    private record Registered(MeterRegistry registry, Meter meter) {
    }

    /**
     * Records a meter just registered; removes it at once if the context has closed meanwhile.
     *
     * @param registry where it was registered
     * @param meter the meter
     */
    public void add(MeterRegistry registry, Meter meter) {
        synchronized (this) {
            if (!closed) {
                registered.add(new Registered(registry, meter));
                return;
            }
        }
        registry.remove(meter);
    }

    /**
     * Removes every meter recorded from its registry, and any recorded later as it comes.
     */
    public void removeAll() {
        List<Registered> removed;
        synchronized (this) {
            closed = true;
            removed = new ArrayList<>(registered);
            registered.clear();
        }
        for (Registered meter : removed) {
            meter.registry().remove(meter.meter());
        }
    }
}
