package io.zerogc.events.ring;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.zerogc.events.util.Sequence;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Wrap-around gating: in a full ring of two, a producer may claim the third sequence (the first slot's
 * next lap) only after the consumer has finished with the first slot, so the consumer always reads the
 * first event there, never the third.
 */
@JCStressTest
@Outcome(id = {"0, 1", "1, 1"}, expect = ACCEPTABLE, desc = "the consumer read its event; the producer waited or came after")
@Outcome(expect = FORBIDDEN, desc = "the producer overwrote a slot the consumer had not finished")
@State
public class WrapGatingTest {

    private final RingBuffer ring = new RingBuffer(2, 1, new BusySpinWaitStrategy());
    private final Sequence consumed = ring.consumerSequence(0);

    public WrapGatingTest() {
        ring.publish(ring.claim(false), "e1", null, 1, 0);
        ring.publish(ring.claim(false), "e2", null, 1, 0);
    }

    @Actor
    public void producer(II_Result r) {
        long sequence = ring.claim(false);
        if (sequence > 0) {
            ring.publish(sequence, "e3", null, 1, 0);
            r.r1 = 1;
        }
        else {
            r.r1 = 0;
        }
    }

    @Actor
    public void consumer(II_Result r) {
        r.r2 = "e1".equals(ring.eventAt(1)) ? 1 : 2;
        consumed.set(1); // release: done with the first slot
    }
}
