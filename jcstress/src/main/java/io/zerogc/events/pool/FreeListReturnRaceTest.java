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
 * One thread returns a slot while another borrows from an empty free list: the borrower gets the slot or
 * nothing, never a value that was not returned; and the slot is never lost.
 */
@JCStressTest
@Outcome(id = "7, -1, 7", expect = ACCEPTABLE, desc = "borrowed before the return; the slot is still there")
@Outcome(id = "7, 7, -1", expect = ACCEPTABLE, desc = "borrowed the returned slot")
@Outcome(expect = FORBIDDEN, desc = "a slot invented or lost")
@State
public class FreeListReturnRaceTest {

    private final FreeList queue = new FreeList(2);

    @Actor
    public void returner(III_Result r) {
        queue.offer(7);
        r.r1 = 7;
    }

    @Actor
    public void borrower(III_Result r) {
        r.r2 = queue.poll();
    }

    @Arbiter
    public void remaining(III_Result r) {
        r.r3 = queue.poll();
    }
}
