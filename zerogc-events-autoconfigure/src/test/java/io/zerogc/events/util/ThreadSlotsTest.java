package io.zerogc.events.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a slot keeps as keys are looked up the way the slots' users look them up (scan the ways from the
 * first, stop at the key or an empty way, else look elsewhere and {@link ThreadSlots#keep}): keys used in
 * turn that fit in the ways end up all kept, so they stop missing, even in a slot that other keys took
 * first; and a key is never kept twice.
 */
class ThreadSlotsTest {

    private final String[] slots = new String[ThreadSlots.length()];
    private final int mine = ThreadSlots.mine();
    private int misses;

    @Test
    void keysNewToAnEmptySlotEachMissOnceAndTheLastLookedUpIsFirst() {
        for (int round = 0; round < 3; round++) {
            for (String key : new String[] {"a", "b", "c", "d"}) {
                lookUp(key);
            }
        }

        assertThat(misses).isEqualTo(ThreadSlots.WAYS);
        assertThat(slots[mine]).isEqualTo("d");
        assertThat(kept()).containsExactlyInAnyOrder("a", "b", "c", "d");
    }

    @ParameterizedTest(name = "{0} new keys")
    @ValueSource(ints = {1, 2, 3, ThreadSlots.WAYS})
    void keysNewToAFullSlotSettleInItAfterAFewMisses(int count) {
        for (String other : new String[] {"o0", "o1", "o2", "o3"}) {
            lookUp(other);
        }
        String[] keys = Arrays.copyOf(new String[] {"a", "b", "c", "d"}, count);
        for (int round = 0; round < 1_000; round++) {
            for (String key : keys) {
                lookUp(key);
            }
        }
        int settled = misses;

        for (int round = 0; round < 1_000; round++) {
            for (String key : keys) {
                lookUp(key);
            }
        }

        assertThat(misses).as("misses in 1,000 more rounds").isEqualTo(settled);
        assertThat(kept()).contains(keys).doesNotHaveDuplicates();
    }

    private void lookUp(String key) {
        int way = 0;
        while (way < ThreadSlots.WAYS) {
            String kept = slots[mine + way];
            if (kept == null) {
                break;
            }
            if (kept.equals(key)) {
                return;
            }
            way++;
        }
        misses++;
        ThreadSlots.keep(slots, mine, way, key);
    }

    private String[] kept() {
        return Arrays.stream(slots, mine, mine + ThreadSlots.WAYS).filter(key -> key != null).toArray(String[]::new);
    }
}
