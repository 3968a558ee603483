package io.zerogc.events.ring;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;

/**
 * A claim racing with close either succeeds and is covered by the sequence close returns (so the drain
 * delivers it), or is refused: never accepted and left out of the drain.
 */
@JCStressTest
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "claimed before close; close drains to it")
@Outcome(id = "-2, 0", expect = ACCEPTABLE, desc = "refused after close")
@Outcome(expect = FORBIDDEN, desc = "an accepted claim outside the drain, or a refusal before close")
@State
public class CloseRaceTest {

    private final RingBuffer ring = new RingBuffer(4, 1, new BusySpinWaitStrategy());

    @Actor
    public void producer(JJ_Result r) {
        r.r1 = ring.claim(false);
    }

    @Actor
    public void closer(JJ_Result r) {
        r.r2 = ring.close();
    }
}
