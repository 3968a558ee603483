package io.zerogc.events.ring;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Two consumers deliver the same slot at once: each sees the event, and the slot is cleared exactly
 * when both are done (the pending count reaches zero once).
 */
@JCStressTest
@Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "both delivered, slot cleared")
@Outcome(expect = FORBIDDEN, desc = "a consumer saw a cleared slot, or the slot was not cleared")
@State
public class SharedReleaseTest {

    private final RingBuffer ring = new RingBuffer(4, 2, new BusySpinWaitStrategy());

    public SharedReleaseTest() {
        long sequence = ring.claim(false);
        ring.publish(sequence, "event", "route", 2, 0);
    }

    @Actor
    public void consumer0(III_Result r) {
        ring.consume(1, (event, route, consumer, timestamp) -> {
            r.r1 = "event".equals(event) ? 1 : 0;
            return true;
        }, 0);
    }

    @Actor
    public void consumer1(III_Result r) {
        ring.consume(1, (event, route, consumer, timestamp) -> {
            r.r2 = "event".equals(event) ? 1 : 0;
            return true;
        }, 1);
    }

    @Arbiter
    public void check(III_Result r) {
        r.r3 = ring.eventAt(1) == null ? 1 : 0;
    }
}
