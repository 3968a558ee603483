package io.zerogc.events.pool;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * An offer racing an offer and a poll: the second actor's own offer has completed before its poll, so
 * the queue is not empty then and the poll must not say it is, even while the first actor's offer holds
 * an earlier cell claimed but unpublished. Every value comes out exactly once.
 */
@JCStressTest
@Outcome(id = {"1, 2, -1", "2, 1, -1"}, expect = ACCEPTABLE, desc = "each value once, the poll found one")
@Outcome(expect = FORBIDDEN, desc = "a false empty, a value lost or taken twice")
@State
public class FreeListOfferPollRaceTest {

    private final FreeList queue = new FreeList(4);

    @Actor
    public void first() {
        queue.offer(1);
    }

    @Actor
    public void second(III_Result r) {
        queue.offer(2);
        r.r1 = queue.poll();
    }

    @Arbiter
    public void remaining(III_Result r) {
        r.r2 = queue.poll();
        r.r3 = queue.poll();
    }
}
