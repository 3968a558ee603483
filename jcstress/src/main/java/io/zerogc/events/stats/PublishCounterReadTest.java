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
 * A reader sums while a publisher claims the count and adds twice with plain stores: the reader sees
 * 0, 1 or 2, never a torn or invented value, and the count ends at 2.
 */
@JCStressTest
@Outcome(id = {"0, 2", "1, 2", "2, 2"}, expect = ACCEPTABLE, desc = "the reader saw a prefix of the counts")
@Outcome(expect = FORBIDDEN, desc = "a count lost, doubled or read out of thin air")
@State
public class PublishCounterReadTest {

    private final PublishCounter counter = new PublishCounter(new StripedCounters(4, 4), 1);

    @Actor
    public void publisher() {
        counter.increment();
        counter.increment();
    }

    @Actor
    public void reader(JJ_Result r) {
        r.r1 = counter.sum();
    }

    @Arbiter
    public void total(JJ_Result r) {
        r.r2 = counter.sum();
    }
}
