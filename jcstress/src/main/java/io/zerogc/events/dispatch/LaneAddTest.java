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
 * A subscriber added to a full lane (which moves its subscribers to a larger array) while a dispatch
 * runs: the dispatch calls each earlier subscriber exactly once, whichever array it reads; and one that
 * starts after the add returned (seen through a flag written after it) calls the new one too.
 */
@JCStressTest
@Outcome(id = "0, 4, 0", expect = ACCEPTABLE, desc = "dispatched before the add")
@Outcome(id = "0, 4, 1", expect = ACCEPTABLE_INTERESTING, desc = "the add seen early, during the dispatch")
@Outcome(id = "1, 4, 1", expect = ACCEPTABLE, desc = "dispatched after the add returned")
@Outcome(expect = FORBIDDEN, desc = "an earlier subscriber missed or called twice, or the new one missed after the add")
@State
public class LaneAddTest {

    private int earlier;
    private int added;
    private final SubscriberLane lane;
    private final Subscriber newcomer = Lanes.subscriber(event -> added++, 5);
    private volatile int flag;

    public LaneAddTest() {
        Subscriber[] three = new Subscriber[3];
        for (int i = 0; i < three.length; i++) {
            three[i] = Lanes.subscriber(event -> earlier++, i + 1);
        }
        lane = Lanes.lane(three); // four slots
        lane.add(Lanes.subscriber(event -> earlier++, 4)); // all in use: the next add moves them
    }

    @Actor
    public void subscribe() {
        lane.add(newcomer);
        flag = 1;
    }

    @Actor
    public void publish(III_Result r) {
        r.r1 = flag;
        lane.dispatch("event");
        r.r2 = earlier;
        r.r3 = added;
    }
}
