package io.zerogc.events.pool;

import io.zerogc.events.PooledEvent;
import io.zerogc.events.util.ClassTable;
import io.zerogc.events.stats.PoolStatistics;
import io.zerogc.events.util.Ownership;
import io.zerogc.events.util.ThreadSlots;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The pools of an application, one per pooled type, looked up without allocating.
 */
public final class EventPools implements Ownership.Holder {

    private final int defaultSize;
    private final Map<Class<?>, Integer> sizes;
    private final ExhaustedPolicy policy;
    private final boolean verify;
    private final Map<Class<?>, EventPool<?>> created = new LinkedHashMap<>();
    private final List<Consumer<EventPool<?>>> observers = new ArrayList<>();
    /** The pools by type, for borrowing: an identity-hash probe, no {@code ClassValue} lookup. */
    private final ClassTable<EventPool<?>> pools = new ClassTable<>();
    /**
     * Per borrowing thread ({@link ThreadSlots}), the pools it borrowed from last: where a borrow looks
     * first. Pools are never replaced, so what a slot holds is never stale.
     */
    private final EventPool<?>[] recentPools = new EventPool<?>[ThreadSlots.length()];

    /**
     * Creates the registry; pools are made by {@link #prepare} or on first borrow.
     *
     * @param defaultSize instances per pool unless sized otherwise
     * @param sizes instances per pool for particular types
     * @param policy what borrowing does when a pool is exhausted
     * @param verify whether released instances report use after release
     */
    public EventPools(int defaultSize, Map<Class<?>, Integer> sizes, ExhaustedPolicy policy, boolean verify) {
        this.defaultSize = defaultSize;
        this.sizes = Map.copyOf(sizes);
        this.policy = policy;
        this.verify = verify;
    }

    /**
     * Creates a type's pool now (at startup), so that problems surface early and no borrow pays for it.
     *
     * @param type the pooled type
     * @throws IllegalArgumentException naming the type when it cannot be pooled
     */
    public void prepare(Class<?> type) {
        poolOf(type);
    }

    /**
     * Borrows an instance of a pooled type; allocation-free once the type's pool exists.
     *
     * @param <E> the type
     * @param type the type
     * @return an instance to fill and publish
     */
    @SuppressWarnings("unchecked")
    public <E extends PooledEvent> E borrow(Class<E> type) {
        int mine = ThreadSlots.mine();
        EventPool<?> last = recentPools[mine];
        if (last == null || last.type() != type) {
            last = lookUp(type, mine);
        }
        return (E) last.borrow(); // the pool of type: its instances are of type
    }

    /** The thread's other recent pools, then the table; as the dispatcher's routes, without staleness. */
    private EventPool<?> lookUp(Class<?> type, int mine) {
        EventPool<?>[] recent = recentPools;
        int way = 0; // the type's way, else the first empty one
        while (way < ThreadSlots.WAYS) {
            EventPool<?> kept = recent[mine + way];
            if (kept == null) {
                break;
            }
            if (kept.type() == type) {
                return kept;
            }
            way++;
        }
        EventPool<?> pool = pools.get(type);
        if (pool == null) {
            pool = poolOf(type);
        }
        ThreadSlots.keep(recent, mine, way, pool);
        return pool;
    }

    /**
     * The figures of every pool.
     *
     * @return one entry per pooled type
     */
    public List<PoolStatistics> statistics() {
        List<EventPool<?>> all;
        synchronized (created) {
            all = new ArrayList<>(created.values());
        }
        return all.stream().map(EventPool::statistics).toList();
    }

    /** Returns the stashes of borrowing threads that have ended to their pools' free lists. */
    @Override
    public void freeEndedOwners() {
        List<EventPool<?>> all;
        synchronized (created) {
            all = new ArrayList<>(created.values());
        }
        all.forEach(EventPool::reclaimStashOfEndedOwner);
    }

    /**
     * Registers a callback told about every pool, those created so far at once, later ones when created.
     *
     * @param observer the callback
     */
    public void onNewPool(Consumer<EventPool<?>> observer) {
        synchronized (created) {
            observers.add(observer);
            created.values().forEach(observer);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private EventPool<?> poolOf(Class<?> type) {
        synchronized (created) {
            EventPool<?> pool = created.get(type);
            if (pool == null) {
                pool = new EventPool(type, sizes.getOrDefault(type, defaultSize), policy, verify);
                created.put(type, pool);
                pools.putIfAbsent(type, pool);
                for (Consumer<EventPool<?>> observer : observers) {
                    observer.accept(pool);
                }
            }
            return pool;
        }
    }
}
