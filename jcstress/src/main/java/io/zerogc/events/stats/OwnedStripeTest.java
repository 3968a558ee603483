package io.zerogc.events.stats;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;

/**
 * Two threads count in fresh striped counters: each claims the owned stripe its id picks, or finds it
 * taken (ids that collide) and adds atomically in a shared stripe. The second count of each lies beyond
 * the owned cells first allocated, so an owner grows its cells. Every count lands
 * exactly once.
 */
@JCStressTest
@Outcome(id = "2, 2", expect = ACCEPTABLE, desc = "all counted once")
@Outcome(expect = FORBIDDEN, desc = "a count lost or counted twice")
@State
public class OwnedStripeTest {

    private static final int NEAR = 3;
    private static final int FAR = 700;

    private final StripedCounters counters = new StripedCounters(1024, 4);

    @Actor
    public void first() {
        counters.increment(NEAR);
        counters.increment(FAR);
    }

    @Actor
    public void second() {
        counters.add(NEAR, 1);
        counters.add(FAR, 1);
    }

    @Arbiter
    public void total(JJ_Result r) {
        r.r1 = counters.sum(NEAR);
        r.r2 = counters.sum(FAR);
    }
}
