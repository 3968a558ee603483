package io.zerogc.events.ring;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * A consumer that sees a slot published also sees what the producer wrote into it: never a claimed
 * but unwritten slot.
 */
@JCStressTest
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "not published yet")
@Outcome(id = "1, 42", expect = ACCEPTABLE_INTERESTING, desc = "published, event and route visible")
@Outcome(expect = FORBIDDEN, desc = "published but the slot's contents not visible")
@State
public class PublishVisibilityTest {

    private final RingBuffer ring = new RingBuffer(4, 1, new BusySpinWaitStrategy());
    private final Integer route = 42;

    @Actor
    public void producer() {
        long sequence = ring.claim(false);
        ring.publish(sequence, "event", route, 1, 0);
    }

    @Actor
    public void consumer(II_Result r) {
        if (!ring.isPublished(1)) {
            return;
        }
        r.r1 = 1;
        ring.consume(1, (event, seen, consumer, timestamp) -> {
            r.r2 = "event".equals(event) && seen instanceof Integer value ? value : -1;
            return true;
        }, 0);
    }
}
