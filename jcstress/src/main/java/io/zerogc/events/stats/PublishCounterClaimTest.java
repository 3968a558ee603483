package io.zerogc.events.stats;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.J_Result;

/**
 * Two threads publish a type at once while its count has no owner: one claims it and counts with plain
 * stores, the other counts in the stripes. Neither publish may be lost or counted twice.
 */
@JCStressTest
@Outcome(id = "2", expect = ACCEPTABLE, desc = "both counted once")
@Outcome(expect = FORBIDDEN, desc = "a publish lost or counted twice")
@State
public class PublishCounterClaimTest {

    private final PublishCounter counter = new PublishCounter(new StripedCounters(4, 4), 2);

    @Actor
    public void first() {
        counter.increment();
    }

    @Actor
    public void second() {
        counter.increment();
    }

    @Arbiter
    public void total(J_Result r) {
        r.r1 = counter.sum();
    }
}
