package io.zerogc.events.ring;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJJ_Result;

/**
 * Two producers claim and publish at once: they get distinct sequences, and both slots end up
 * published with their own event (no lost or duplicated slot).
 */
@JCStressTest
@Outcome(id = {"1, 2, 3", "2, 1, 3"}, expect = ACCEPTABLE, desc = "distinct claims, both slots published")
@Outcome(expect = FORBIDDEN, desc = "a slot was claimed twice or lost")
@State
public class ClaimRaceTest {

    private final RingBuffer ring = new RingBuffer(4, 1, new BusySpinWaitStrategy());

    @Actor
    public void first(JJJ_Result r) {
        long sequence = ring.claim(false);
        ring.publish(sequence, "first", null, 1, 0);
        r.r1 = sequence;
    }

    @Actor
    public void second(JJJ_Result r) {
        long sequence = ring.claim(false);
        ring.publish(sequence, "second", null, 1, 0);
        r.r2 = sequence;
    }

    @Arbiter
    public void check(JJJ_Result r) {
        boolean bothPublished = ring.isPublished(1) && ring.isPublished(2) && !ring.isPublished(3);
        boolean ownEvents = "first".equals(ring.eventAt(r.r1)) && "second".equals(ring.eventAt(r.r2));
        r.r3 = bothPublished && ownEvents ? ring.cursor() + 1 : -1;
    }
}
