package io.zerogc.events.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * A publish count is exact whoever counts: its owner with plain stores, other threads in the stripes,
 * and the threads that take it over once its owner has ended.
 */
class PublishCounterTest {

    @Test
    void theFirstPublisherOwnsTheCountAndOthersCountInTheStripes() throws Exception {
        StripedCounters stripes = new StripedCounters(8, 4);
        PublishCounter counter = new PublishCounter(stripes, 5);
        for (int i = 0; i < 1_000; i++) {
            counter.increment();
        }
        Thread other = new Thread(() -> {
            for (int i = 0; i < 500; i++) {
                counter.increment();
            }
        });
        other.start();
        other.join();

        assertThat(counter.owner()).isSameAs(Thread.currentThread());
        assertThat(stripes.sum(5)).isEqualTo(500); // the other thread's, and only those
        assertThat(counter.sum()).isEqualTo(1_500);
    }

    @Test
    void manyThreadsAtOnceLoseNothing() throws Exception {
        PublishCounter counter = new PublishCounter(new StripedCounters(1, 4), 0);
        int threads = 8;
        int each = 200_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> publishers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread publisher = new Thread(() -> {
                awaitQuietly(start);
                for (int i = 0; i < each; i++) {
                    counter.increment();
                }
            });
            publisher.start();
            publishers.add(publisher);
        }
        start.countDown();
        for (Thread publisher : publishers) {
            publisher.join();
        }

        assertThat(counter.sum()).isEqualTo((long) threads * each);
    }

    @Test
    void anEndedOwnersCountIsTakenOverAndAddedTo() throws Exception {
        PublishCounter counter = new PublishCounter(new StripedCounters(1, 4), 0);
        Thread first = new Thread(() -> {
            for (int i = 0; i < 300; i++) {
                counter.increment();
            }
        });
        first.start();
        first.join();
        assertThat(counter.owner()).isSameAs(first);

        assertThat(counter.sum()).isEqualTo(300); // and frees the ended owner's count
        assertThat(counter.owner()).isNull();
        for (int i = 0; i < 200; i++) {
            counter.increment();
        }

        assertThat(counter.owner()).isSameAs(Thread.currentThread());
        assertThat(counter.sum()).isEqualTo(500);
    }

    static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
