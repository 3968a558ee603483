package io.zerogc.events.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ClassTableTest {

    /** Distinct classes without defining any: Object[], Object[][], ... */
    private static List<Class<?>> classes(int count) {
        List<Class<?>> classes = new ArrayList<>(count);
        for (int dimensions = 1; dimensions <= count; dimensions++) {
            classes.add(Array.newInstance(Object.class, new int[dimensions]).getClass());
        }
        return classes;
    }

    @Test
    void aClassWithoutAValueHasNone() {
        ClassTable<String> table = new ClassTable<>();

        assertThat(table.get(String.class)).isNull();
    }

    @Test
    void theFirstValueGivenStays() {
        ClassTable<String> table = new ClassTable<>();

        assertThat(table.putIfAbsent(String.class, "first")).isEqualTo("first");
        assertThat(table.putIfAbsent(String.class, "second")).isEqualTo("first");
        assertThat(table.get(String.class)).isEqualTo("first");
    }

    @Test
    void growsPastItsInitialSizeAndKeepsEveryEntry() {
        ClassTable<Integer> table = new ClassTable<>();
        List<Class<?>> classes = classes(200);

        for (int i = 0; i < classes.size(); i++) {
            table.putIfAbsent(classes.get(i), i);
        }

        for (int i = 0; i < classes.size(); i++) {
            assertThat(table.get(classes.get(i))).as(classes.get(i).getSimpleName()).isEqualTo(i);
        }
        assertThat(table.get(String.class)).isNull();
    }

    @Test
    void clearRemovesEveryEntryAndTheTableFillsAgain() {
        ClassTable<Integer> table = new ClassTable<>();
        List<Class<?>> classes = classes(40);
        classes.forEach(type -> table.putIfAbsent(type, 1));

        table.clear();

        assertThat(classes).allSatisfy(type -> assertThat(table.get(type)).isNull());
        assertThat(table.putIfAbsent(classes.get(0), 2)).isEqualTo(2);
        assertThat(table.get(classes.get(0))).isEqualTo(2);
    }

    @Test
    void aReaderFindsEveryEntryPutBeforeItLooksWhileTheTableGrows() throws InterruptedException {
        ClassTable<Integer> table = new ClassTable<>();
        List<Class<?>> classes = classes(250);
        AtomicInteger written = new AtomicInteger();
        AtomicReference<String> missing = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            while (written.get() < classes.size() && missing.get() == null) {
                int known = written.get(); // every class below this index was put before
                for (int i = 0; i < known; i++) {
                    Integer value = table.get(classes.get(i));
                    if (value == null || value != i) {
                        missing.set(classes.get(i).getSimpleName() + " read as " + value);
                    }
                }
            }
        });
        reader.start();
        for (int i = 0; i < classes.size(); i++) {
            table.putIfAbsent(classes.get(i), i);
            written.set(i + 1);
        }
        reader.join(10_000);

        assertThat(reader.isAlive()).isFalse();
        assertThat(missing.get()).isNull();
    }
}
