package io.zerogc.events.dispatch;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.zerogc.events.Delivery;
import java.util.List;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * A class's first subscriber subscribes while a publisher publishes the class twice: the first publish
 * installs the class's route and leaves it in the publishing thread's slot, unless the subscribe came
 * first; a publish that starts after the subscribe returned (seen through a flag written after it)
 * reaches the subscriber, never the replaced route the slot still holds. This test found a subscribe
 * lost when it came while the first publish was installing the route: the install put in the route
 * built before the subscribe, and kept it.
 */
@JCStressTest
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "published before the subscribe")
@Outcome(id = "0, 1", expect = ACCEPTABLE_INTERESTING, desc = "the new route seen early")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "published after the subscribe returned")
@Outcome(expect = FORBIDDEN, desc = "a publish after the subscribe missed the subscriber (the replaced route answered)")
@State
public class FirstSubscriberTest {

    private final EventDispatcher dispatcher = new EventDispatcher(List.of(), DispatcherSettings.defaults());
    /** Written by the subscriber, which runs on the publishing thread. */
    private int second;
    private volatile int flag;

    @Actor
    public void subscribe() {
        dispatcher.subscribe(String.class, Delivery.SYNC, event -> second = "second".equals(event) ? 1 : second);
        flag = 1;
    }

    @Actor
    public void publish(II_Result r) {
        dispatcher.dispatch("first"); // the thread's slot now holds the route, unless the subscribe was first
        r.r1 = flag;
        dispatcher.dispatch("second");
        r.r2 = second;
    }
}
