package io.zerogc.events.dispatch;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A subscriber removed while a dispatch runs: a dispatch that starts after the removal returned (seen
 * through a flag written after it) does not call it; the other subscriber is called exactly once either way.
 */
@JCStressTest
@Outcome(id = "0, 1, 1", expect = ACCEPTABLE, desc = "dispatched before the removal")
@Outcome(id = "0, 0, 1", expect = ACCEPTABLE_INTERESTING, desc = "the removal seen early, during the dispatch")
@Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "dispatched after the removal returned")
@Outcome(expect = FORBIDDEN, desc = "the removed one called after its removal returned, or the other missed")
@State
public class LaneRemoveTest {

    private int removedCalls;
    private int keptCalls;
    private final Subscriber removed = Lanes.subscriber(event -> removedCalls++, 1);
    private final SubscriberLane lane = Lanes.lane(removed, Lanes.subscriber(event -> keptCalls++, 2));
    private volatile int flag;

    @Actor
    public void close() {
        lane.remove(removed);
        flag = 1;
    }

    @Actor
    public void publish(III_Result r) {
        r.r1 = flag;
        lane.dispatch("event");
        r.r2 = removedCalls;
        r.r3 = keptCalls;
    }
}
