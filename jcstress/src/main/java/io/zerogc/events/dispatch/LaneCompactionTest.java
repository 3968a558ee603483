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
 * A removal that compacts the lane (a quarter or less of its slots in use still hold a subscriber, so
 * the survivors move to the front of a new array) while a dispatch runs: the dispatch calls each
 * survivor exactly once, whether it reads the old array with the old count, the new array with the old
 * count, or the new array with the new count.
 */
@JCStressTest
@Outcome(id = "0, 4, 1", expect = ACCEPTABLE, desc = "dispatched before the removal")
@Outcome(id = "0, 4, 0", expect = ACCEPTABLE_INTERESTING, desc = "the removal seen early, during the dispatch")
@Outcome(id = "1, 4, 0", expect = ACCEPTABLE, desc = "dispatched after the removal returned")
@Outcome(expect = FORBIDDEN, desc = "a survivor missed or called twice, or the removed one called after")
@State
public class LaneCompactionTest {

    private int survivorCalls;
    private int removedCalls;
    private final Subscriber removed = Lanes.subscriber(event -> removedCalls++, 12);
    private final SubscriberLane lane;
    private volatile int flag;

    public LaneCompactionTest() {
        Subscriber[] sixteen = new Subscriber[16];
        for (int i = 0; i < sixteen.length; i++) {
            sixteen[i] = i == 11 ? removed : Lanes.subscriber(event -> survivorCalls++, i + 1);
        }
        lane = Lanes.lane(sixteen);
        for (int i = 0; i < 11; i++) {
            lane.remove(sixteen[i]); // five left in sixteen slots: the next removal compacts
        }
    }

    @Actor
    public void close() {
        lane.remove(removed);
        flag = 1;
    }

    @Actor
    public void publish(III_Result r) {
        r.r1 = flag;
        lane.dispatch("event");
        r.r2 = survivorCalls;
        r.r3 = removedCalls;
    }
}
