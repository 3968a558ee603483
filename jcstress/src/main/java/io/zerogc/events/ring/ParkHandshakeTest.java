package io.zerogc.events.ring;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The blocking strategy's Dekker pair: a consumer about to park announces itself and looks for work
 * again; a producer publishes and then looks for sleepers. At least one of them must see the other, or
 * the consumer parks on a published event with nobody to wake it.
 */
@JCStressTest
@Outcome(id = {"1, 0", "0, 1", "1, 1"}, expect = ACCEPTABLE, desc = "the consumer saw the event, or the producer saw the sleeper")
@Outcome(id = "0, 0", expect = FORBIDDEN, desc = "lost wake-up: the consumer parks and the producer does not see it")
@State
public class ParkHandshakeTest {

    private final BlockingWaitStrategy waitStrategy = new BlockingWaitStrategy();
    // The ring signals nobody itself: the producer's half is called right after its publish, as signal() is.
    private final RingBuffer ring = new RingBuffer(4, 1, new BusySpinWaitStrategy());
    private final RingConsumer consumer = new RingConsumer(ring, 0, (event, route, index, publishedAt) -> true);

    @Actor
    public void consumer(II_Result r) {
        r.r1 = waitStrategy.announceAndRecheck(consumer) ? 1 : 0;
    }

    @Actor
    public void producer(II_Result r) {
        ring.publish(ring.claim(false), "event", null, 1, 0);
        r.r2 = waitStrategy.sleeperSeen() ? 1 : 0;
    }
}
