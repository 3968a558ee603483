package io.zerogc.events.util;

import java.util.ArrayList;
import java.util.List;


/**
 * A map from classes to values for lookups on the publishing path: read without a lock or allocation,
 * written rarely (once per class, and when its value is replaced, under a lock).
 *
 * <p>Keys and values sit side by side in one array, open-addressed by the class's identity hash with
 * linear probing and at most half full, so a lookup is usually one probe: the hash (kept in the class
 * object's header), one array slot, one reference comparison. Writers that add a class copy the array
 * and publish the copy with a volatile write, so readers always see a whole table; one that replaces a
 * value stores it in place, then writes the field again. Unlike a {@link ClassValue}, the
 * table is an ordinary object: it and everything it holds are garbage once its owner is.
 *
 * @param <V> the values
 */
public final class ClassTable<V> {

    private static final int INITIAL_SLOTS = 16;

    /**
     * {@code [key0, value0, key1, value1, ...]}: keys never change once published; a value may be replaced
     * in place ({@link #replace}), followed by a write of this field.
     */
    private volatile Object[] entries = new Object[2 * INITIAL_SLOTS];
    /** Keys in {@link #entries}; guarded by this table's lock. */
    private int size;

    /**
     * The class's value.
     *
     * @param key the class
     * @return its value, or {@code null} if it has none
     */
    @SuppressWarnings("unchecked")
    public V get(Class<?> key) {
        Object[] table = entries;
        int at = (System.identityHashCode(key) << 1) & (table.length - 1);
        if (table[at] == key) { // the common case, kept small enough to inline
            return (V) table[at + 1];
        }
        return probe(table, at, key);
    }

    @SuppressWarnings("unchecked")
    private static <V> V probe(Object[] table, int at, Class<?> key) {
        int mask = table.length - 1;
        for (Object found = table[at]; found != null; found = table[at]) {
            if (found == key) {
                return (V) table[at + 1];
            }
            at = (at + 2) & mask;
        }
        return null;
    }

    /**
     * Gives the class a value unless it has one.
     *
     * @param key the class
     * @param value its value, not {@code null}
     * @return the value the class has now: the one it had, or {@code value}
     */
    public synchronized V putIfAbsent(Class<?> key, V value) {
        Object[] table = entries;
        V known = probe(table, (System.identityHashCode(key) << 1) & (table.length - 1), key);
        if (known != null) {
            return known;
        }
        Object[] next = new Object[2 * (size + 1) > table.length / 2 ? 2 * table.length : table.length];
        for (int at = 0; at < table.length; at += 2) {
            if (table[at] != null) {
                insert(next, table[at], table[at + 1]);
            }
        }
        insert(next, key, value);
        size++;
        entries = next;
        return value;
    }

    /**
     * Replaces the value of a class that has one, in place: a reader sees the old value or the new one,
     * and every lookup that starts after this method returns sees the new one. The value must be safe to
     * read through a data race (final fields only), as a reader may load it without synchronizing.
     *
     * @param key the class
     * @param value its new value, not {@code null}
     * @return whether the class had a value
     */
    public synchronized boolean replace(Class<?> key, V value) {
        Object[] table = entries;
        int mask = table.length - 1;
        for (int at = (System.identityHashCode(key) << 1) & mask; table[at] != null; at = (at + 2) & mask) {
            if (table[at] == key) {
                table[at + 1] = value;
                entries = table; // the volatile write a later lookup's volatile read of the table pairs with
                return true;
            }
        }
        return false;
    }

    private static void insert(Object[] table, Object key, Object value) {
        int mask = table.length - 1;
        int at = (System.identityHashCode(key) << 1) & mask;
        while (table[at] != null) {
            at = (at + 2) & mask;
        }
        table[at] = key;
        table[at + 1] = value;
    }

    /**
     * Replaces every entry at once: a reader sees either the old table or the new one, never a table in
     * between, so a lookup of a class in both never misses.
     *
     * @param keys the classes, each once
     * @param values their values, not {@code null}, in the same order
     * @return the values the table held before, in no particular order
     */
    @SuppressWarnings("unchecked")
    public synchronized List<V> replaceAll(List<Class<?>> keys, List<V> values) {
        int slots = INITIAL_SLOTS;
        while (keys.size() > slots / 2) {
            slots *= 2;
        }
        Object[] next = new Object[2 * slots];
        for (int i = 0; i < keys.size(); i++) {
            insert(next, keys.get(i), values.get(i));
        }
        Object[] previous = entries;
        size = keys.size();
        entries = next;
        List<V> replaced = new ArrayList<>();
        for (int at = 0; at < previous.length; at += 2) {
            if (previous[at] != null) {
                replaced.add((V) previous[at + 1]);
            }
        }
        return replaced;
    }

    /**
     * Removes every entry.
     */
    public synchronized void clear() {
        entries = new Object[2 * INITIAL_SLOTS];
        size = 0;
    }
}
