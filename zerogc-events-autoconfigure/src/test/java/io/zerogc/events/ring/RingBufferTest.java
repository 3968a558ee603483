package io.zerogc.events.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RingBufferTest {

    private final List<String> seen = new ArrayList<>();

    /** Consumer 0 delivers everything; consumer 1 only strings starting with "both". */
    private final SlotHandler handler = (event, route, consumer, timestamp) -> {
        if (consumer == 1 && (event == null || !event.toString().startsWith("both"))) {
            return false;
        }
        seen.add(consumer + ":" + event + "@" + route);
        return true;
    };

    @Test
    void sizeMustBeAPowerOfTwo() {
        assertThatThrownBy(() -> new RingBuffer(1000, 1, new BusySpinWaitStrategy()))
                .hasMessage("ring size must be a power of two of at least 2, was 1000");
        assertThatThrownBy(() -> new RingBuffer(1, 1, new BusySpinWaitStrategy()))
                .hasMessage("ring size must be a power of two of at least 2, was 1");
    }

    @Test
    void claimsAreSequentialAndStopWhenEverySlotIsTaken() {
        RingBuffer ring = new RingBuffer(4, 1, new BusySpinWaitStrategy());

        assertThat(List.of(ring.claim(false), ring.claim(false), ring.claim(false), ring.claim(false)))
                .containsExactly(1L, 2L, 3L, 4L);
        assertThat(ring.claim(false)).isEqualTo(RingBuffer.FULL);
        assertThat(ring.remainingCapacity()).isZero();

        ring.consumerSequence(0).set(1);

        assertThat(ring.claim(false)).isEqualTo(5);
    }

    @Test
    void aClaimedSlotIsNotVisibleUntilPublished() {
        RingBuffer ring = new RingBuffer(4, 1, new BusySpinWaitStrategy());
        long sequence = ring.claim(false);

        assertThat(ring.isPublished(sequence)).isFalse();
        ring.publish(sequence, "a", "r", 1, 0);

        assertThat(ring.isPublished(sequence)).isTrue();
        assertThat(ring.isPublished(sequence + 1)).isFalse();
        // The marker of a slot's earlier lap does not count as published for the next lap.
        assertThat(ring.isPublished(sequence + ring.size())).isFalse();
    }

    @Test
    void theOnlyConsumerClearsTheSlotAfterDelivering() {
        RingBuffer ring = new RingBuffer(4, 1, new BusySpinWaitStrategy());
        long sequence = ring.claim(false);
        ring.publish(sequence, "a", "r", 1, 0);

        assertThat(ring.consume(sequence, handler, 0)).isTrue();

        assertThat(seen).containsExactly("0:a@r");
        assertThat(ring.eventAt(sequence)).isNull();
    }

    @Test
    void withSeveralConsumersTheLastInterestedOneClearsTheSlot() {
        RingBuffer ring = new RingBuffer(4, 2, new BusySpinWaitStrategy());
        long both = ring.claim(false);
        ring.publish(both, "both", "r", 2, 0);
        long first = ring.claim(false);
        ring.publish(first, "first-only", "r", 1, 0);

        ring.consume(both, handler, 0);
        assertThat(ring.eventAt(both)).as("consumer 1 has yet to deliver it").isEqualTo("both");
        ring.consume(both, handler, 1);
        assertThat(ring.eventAt(both)).isNull();

        assertThat(ring.consume(first, handler, 1)).isFalse();
        assertThat(ring.eventAt(first)).isEqualTo("first-only");
        ring.consume(first, handler, 0);
        assertThat(ring.eventAt(first)).isNull();
        assertThat(seen).containsExactly("0:both@r", "1:both@r", "0:first-only@r");
    }

    @Test
    void aHandlerThatThrowsStillReleasesTheSlot() {
        RingBuffer ring = new RingBuffer(4, 1, new BusySpinWaitStrategy());
        long sequence = ring.claim(false);
        ring.publish(sequence, "a", "r", 1, 0);

        assertThatThrownBy(() -> ring.consume(sequence, (event, route, consumer, timestamp) -> {
            throw new IllegalStateException("handler");
        }, 0)).hasMessage("handler");

        assertThat(ring.eventAt(sequence)).isNull();
    }

    @Test
    void closingReturnsTheLastClaimAndRefusesLaterOnes() {
        RingBuffer ring = new RingBuffer(4, 1, new BusySpinWaitStrategy());
        ring.claim(false);
        ring.claim(false);

        assertThat(ring.close()).isEqualTo(2);
        assertThat(ring.close()).isEqualTo(2);
        assertThat(ring.isClosed()).isTrue();
        assertThat(ring.claim(false)).isEqualTo(RingBuffer.CLOSED);
        assertThat(ring.claim(true)).isEqualTo(RingBuffer.CLOSED);
        assertThat(ring.cursor()).isEqualTo(2);
    }
}
