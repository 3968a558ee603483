package io.zerogc.events.pool;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Two borrowers take from a free list holding two slots: each gets a different one, never the same
 * slot twice (which would hand one instance to two borrowers).
 */
@JCStressTest
@Outcome(id = {"0, 1", "1, 0"}, expect = ACCEPTABLE, desc = "each borrower got its own slot")
@Outcome(expect = FORBIDDEN, desc = "a slot handed out twice, or lost")
@State
public class FreeListPollRaceTest {

    private final FreeList queue = new FreeList(2);

    public FreeListPollRaceTest() {
        queue.offer(0);
        queue.offer(1);
    }

    @Actor
    public void first(II_Result r) {
        r.r1 = queue.poll();
    }

    @Actor
    public void second(II_Result r) {
        r.r2 = queue.poll();
    }
}
