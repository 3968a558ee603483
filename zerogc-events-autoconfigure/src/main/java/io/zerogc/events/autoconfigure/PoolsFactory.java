package io.zerogc.events.autoconfigure;

import io.zerogc.events.PooledEvent;
import io.zerogc.events.pool.EventPools;
import io.zerogc.events.util.Ownership;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.ClassUtils;

/**
 * Turns {@code zerogc.events.pool.*} into the engine's pools, creating those of configured types up
 * front and rejecting bad values with the property's name.
 */
final class PoolsFactory {

    private PoolsFactory() {
    }

    static EventPools create(ZeroGcEventsProperties.Pool pool, ClassLoader classLoader) {
        if (pool.getSize() < 1) {
            throw new InvalidConfigurationPropertyValueException("zerogc.events.pool.size", pool.getSize(),
                    "A pool needs at least one instance.");
        }
        Map<Class<?>, Integer> sizes = new LinkedHashMap<>();
        for (Map.Entry<String, ZeroGcEventsProperties.PooledType> entry : pool.getTypes().entrySet()) {
            String property = "zerogc.events.pool.types[" + entry.getKey() + "]";
            Class<?> type = resolve(entry.getKey(), property, classLoader);
            Integer size = entry.getValue().getSize();
            if (size != null && size < 1) {
                throw new InvalidConfigurationPropertyValueException(property + ".size", size,
                        "A pool needs at least one instance.");
            }
            sizes.put(type, size != null ? size : pool.getSize());
        }
        EventPools pools = new EventPools(pool.getSize(), sizes, pool.getExhausted(), pool.isVerify());
        Ownership.freeEndedOwnersOf(pools); // stashes of ended borrowers go back without waiting for a reader
        for (Class<?> type : sizes.keySet()) {
            try {
                pools.prepare(type);
            }
            catch (IllegalArgumentException ex) {
                throw new InvalidConfigurationPropertyValueException("zerogc.events.pool.types[" + type.getName()
                        + "].size", sizes.get(type), ex.getMessage());
            }
        }
        return pools;
    }

    /** Pools of the pooled types listeners take, created at startup; problems are returned, not thrown. */
    static void prepareListenedTypes(EventPools pools, List<Class<?>> eventTypes, List<String> problems) {
        for (Class<?> type : eventTypes) {
            if (PooledEvent.class.isAssignableFrom(type) && !type.isInterface()
                    && !Modifier.isAbstract(type.getModifiers())) {
                try {
                    pools.prepare(type);
                }
                catch (IllegalArgumentException ex) {
                    problems.add(ex.getMessage());
                }
            }
        }
    }

    private static Class<?> resolve(String name, String property, ClassLoader classLoader) {
        Class<?> type;
        try {
            type = ClassUtils.forName(name, classLoader);
        }
        catch (ClassNotFoundException | LinkageError ex) {
            throw new InvalidConfigurationPropertyValueException(property, name, "No such class: " + name
                    + ". Pooled types are named in brackets, whole: zerogc.events.pool.types[com.acme.QuoteTick].size=8192.");
        }
        if (!PooledEvent.class.isAssignableFrom(type)) {
            throw new InvalidConfigurationPropertyValueException(property, name,
                    name + " is not a pooled event type: it must extend " + PooledEvent.class.getName() + ".");
        }
        return type;
    }
}
