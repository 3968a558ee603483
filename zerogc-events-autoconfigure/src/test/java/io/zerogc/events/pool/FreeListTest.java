package io.zerogc.events.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zerogc.events.util.Sequence;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The free list reports empty only when it is empty, and a pool loses no instance when more threads
 * than cores borrow and return them.
 */
class FreeListTest {

    private static final VarHandle SEQUENCES = MethodHandles.arrayElementVarHandle(long[].class);
    private static final Duration BOUND = Duration.ofSeconds(30);

    @Test
    void aPollWaitsForAnOfferInProgressInsteadOfReportingEmpty() throws Exception {
        FreeList queue = new FreeList(4);
        // A producer claims position 0 and is descheduled before it publishes its value...
        Sequence enqueuePosition = (Sequence) field("enqueuePosition").get(queue);
        assertThat(enqueuePosition.compareAndSet(0, 1)).isTrue();
        // ...while another one offers 7 at position 1: the queue holds values.
        assertThat(queue.offer(7)).isTrue();

        Thread[] poller = new Thread[1];
        CompletableFuture<Integer> polled = CompletableFuture.supplyAsync(() -> {
            poller[0] = Thread.currentThread();
            return queue.poll();
        }, runnable -> new Thread(runnable, "poller").start());
        await().atMost(BOUND).until(() -> polled.isDone()
                || poller[0] != null && poller[0].getState() == Thread.State.TIMED_WAITING);

        assertThat(polled).as("a poll on a queue holding a value").isNotDone();
        // The descheduled producer completes its offer: the poll gets it, first in, first out.
        ((int[]) field("values").get(queue))[0] = 5;
        SEQUENCES.setRelease((long[]) field("sequences").get(queue), 0, 1L);
        assertThat(polled.get()).isEqualTo(5);
        assertThat(queue.poll()).isEqualTo(7);
        assertThat(queue.poll()).isEqualTo(-1);
    }

    @Test
    void aPoolLosesNoInstanceWhenMoreThreadsThanCoresBorrowAndReturn() throws Exception {
        int size = 8;
        EventPool<Quote> pool = new EventPool<>(Quote.class, size, ExhaustedPolicy.BLOCK, false);
        int threads = 4 * Runtime.getRuntime().availableProcessors();
        int rounds = 50_000;
        AtomicLong handedOutTwice = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                }
                catch (InterruptedException ex) {
                    return;
                }
                for (int i = 0; i < rounds; i++) {
                    Quote quote = pool.borrow();
                    if (!quote.inUse.compareAndSet(false, true)) {
                        handedOutTwice.incrementAndGet();
                    }
                    quote.inUse.set(false);
                    EventPool.giveBack(quote); // recycle: offers the slot back, backing off while refused
                }
            }, "borrower-" + t);
            workers.add(worker);
            worker.start();
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join(BOUND.toMillis());
            assertThat(worker.isAlive()).as(worker.getName() + " finished").isFalse();
        }

        assertThat(handedOutTwice).hasValue(0);
        assertThat(pool.statistics().borrowed()).isZero();
        assertThat(pool.statistics().misses()).isZero();
        // Every instance is back: all of them can be borrowed at once without waiting.
        List<Quote> all = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            all.add(pool.borrow());
        }
        assertThat(all).doesNotHaveDuplicates();
        assertThat(pool.statistics().borrowed()).isEqualTo(size);
    }

    private static Field field(String name) throws NoSuchFieldException {
        Field field = FreeList.class.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }
}
