package io.zerogc.events.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A borrower waiting on an exhausted pool is served from the stash of an owner thread that ended while it
 * waited.
 */
class EndedOwnerStashTest {

    @Test
    void aWaitingBorrowerGetsTheInstancesAnEndedOwnerLeftInItsStash() throws Exception {
        EventPool<Quote> pool = new EventPool<>(Quote.class, 8, ExhaustedPolicy.BLOCK, false);
        List<Quote> held = new ArrayList<>();
        CompletableFuture<Void> allBorrowed = new CompletableFuture<>();
        CompletableFuture<Void> giveTwoBack = new CompletableFuture<>();
        Thread owner = new Thread(() -> {
            for (int i = 0; i < 8; i++) {
                held.add(pool.borrow()); // the first borrower owns the stash
            }
            allBorrowed.complete(null);
            giveTwoBack.join();
            EventPool.giveBack(held.remove(0)); // into the owner's own stash
            EventPool.giveBack(held.remove(0));
        }, "stash-owner");
        owner.start();
        allBorrowed.get(10, TimeUnit.SECONDS);
        CompletableFuture<Quote> waiter = CompletableFuture.supplyAsync(pool::borrow);
        // The owner is alive while statistics are read here, so the read reclaims nothing.
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.statistics().waits() == 1);

        giveTwoBack.complete(null);
        owner.join(10_000);

        assertThat(owner.isAlive()).isFalse();
        assertThat(waiter.get(10, TimeUnit.SECONDS)).as("served from the ended owner's stash").isNotNull();
    }
}
