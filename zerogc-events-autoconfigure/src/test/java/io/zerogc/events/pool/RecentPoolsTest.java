package io.zerogc.events.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerogc.events.PooledEvent;
import io.zerogc.events.stats.PoolStatistics;
import io.zerogc.events.support.AllocationMeter;
import io.zerogc.events.util.ThreadSlots;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A borrowing thread keeps its last few pools: several pooled types borrowed in turn each come from their
 * own pool, and borrowing them in turn allocates nothing, whether they fit what the thread keeps or not.
 */
class RecentPoolsTest {

    public static final class One extends PooledEvent {
        @Override
        protected void reset() {
        }
    }

    public static final class Two extends PooledEvent {
        @Override
        protected void reset() {
        }
    }

    public static final class Three extends PooledEvent {
        @Override
        protected void reset() {
        }
    }

    public static final class Four extends PooledEvent {
        @Override
        protected void reset() {
        }
    }

    public static final class Five extends PooledEvent {
        @Override
        protected void reset() {
        }
    }

    public static final class Six extends PooledEvent {
        @Override
        protected void reset() {
        }
    }

    private static final List<Class<? extends PooledEvent>> TYPES =
            List.of(One.class, Two.class, Three.class, Four.class, Five.class, Six.class);

    @ParameterizedTest
    @ValueSource(ints = {2, ThreadSlots.WAYS, 6})
    void typesBorrowedInTurnEachComeFromTheirOwnPool(int types) {
        EventPools pools = pools(types);
        List<PooledEvent> held = new ArrayList<>();
        for (int n = 0; n < 3 * types; n++) {
            Class<? extends PooledEvent> type = TYPES.get(n % types);
            PooledEvent event = pools.borrow(type);
            assertThat(event).isExactlyInstanceOf(type);
            held.add(event);
        }
        Map<String, PoolStatistics> byType = pools.statistics().stream()
                .collect(Collectors.toMap(PoolStatistics::type, Function.identity()));
        for (int i = 0; i < types; i++) {
            assertThat(byType.get(TYPES.get(i).getName()).borrowed()).as(TYPES.get(i).getName()).isEqualTo(3);
        }
        held.forEach(EventPool::giveBack);
        assertThat(pools.statistics()).allSatisfy(pool -> assertThat(pool.borrowed()).isZero());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, ThreadSlots.WAYS, 6})
    void borrowingTypesInTurnAllocatesNothing(int types) {
        EventPools pools = pools(types);
        int clean = 0;
        for (int round = 0; round < 40 && clean < 3; round++) {
            long start = AllocationMeter.start();
            borrowInTurn(pools, types, 100_000);
            clean = AllocationMeter.bytesSince(start) == 0 ? clean + 1 : 0;
        }
        assertThat(clean).as("warm-up reached three allocation-free rounds").isEqualTo(3);

        long bytes = Long.MAX_VALUE;
        for (int window = 0; window < 3 && bytes != 0; window++) {
            long start = AllocationMeter.start();
            borrowInTurn(pools, types, 1_000_000);
            bytes = AllocationMeter.bytesSince(start);
        }

        assertThat(bytes).as("bytes allocated by 1,000,000 borrows of %d types in turn", types).isZero();
        assertThat(pools.statistics()).allSatisfy(pool -> assertThat(pool.misses()).isZero());
    }

    private static EventPools pools(int types) {
        EventPools pools = new EventPools(16, Map.of(), ExhaustedPolicy.FAIL, false);
        for (int i = 0; i < types; i++) {
            pools.prepare(TYPES.get(i));
        }
        return pools;
    }

    private static void borrowInTurn(EventPools pools, int types, int count) {
        for (int n = 0; n < count; n++) {
            EventPool.giveBack(pools.borrow(TYPES.get(n % types)));
        }
    }
}
