package io.zerogc.events.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Striped counters are exact with more live threads than owned stripes (the rest count atomically),
 * with counters beyond an owner's first cells, and across generations of threads that reuse the
 * stripes of ended ones.
 */
class StripedCountersTest {

    @Test
    void moreThreadsThanOwnedStripesLoseNothing() throws Exception {
        StripedCounters counters = new StripedCounters(1024, 4);
        int threads = StripedCounters.OWNED * 2 + 3;
        int each = 20_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int counter = t % 2 == 0 ? 1 : 1000; // the far one makes owners grow their cells
            Thread thread = new Thread(() -> {
                PublishCounterTest.awaitQuietly(start);
                for (int i = 0; i < each; i++) {
                    counters.increment(counter);
                }
            });
            thread.start();
            all.add(thread);
        }
        start.countDown();
        for (Thread thread : all) {
            thread.join();
        }

        assertThat(counters.sum(1)).isEqualTo((long) ((threads + 1) / 2) * each);
        assertThat(counters.sum(1000)).isEqualTo((long) (threads / 2) * each);
    }

    @Test
    void stripesOfEndedThreadsAreReusedWithTheirCounts() throws Exception {
        StripedCounters counters = new StripedCounters(4, 4);
        long expected = 0;
        for (int generation = 0; generation < 5; generation++) {
            List<Thread> threads = new ArrayList<>();
            CountDownLatch counted = new CountDownLatch(StripedCounters.OWNED);
            CountDownLatch end = new CountDownLatch(1);
            for (int t = 0; t < StripedCounters.OWNED; t++) {
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < 1_000; i++) {
                        counters.add(2, 3);
                    }
                    counted.countDown();
                    PublishCounterTest.awaitQuietly(end);
                });
                thread.start();
                threads.add(thread);
            }
            counted.await();
            // Consecutive ids: one stripe each, free again because the previous generation's sum freed them.
            assertThat(threads).allSatisfy(thread -> assertThat(counters.owns(thread)).isTrue());
            end.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
            expected += StripedCounters.OWNED * 3_000L;
            assertThat(counters.sum(2)).isEqualTo(expected); // frees the ended threads' stripes
        }
        assertThat(counters.sum(0)).isZero();
    }
}
