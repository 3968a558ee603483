package io.zerogc.events.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerogc.events.Delivery;
import io.zerogc.events.stats.EventTypeStatistics;
import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.asm.ClassWriter;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;

/**
 * Every event type gets counters of its own, however many there are: no type shares another's.
 */
class ManyEventTypesTest {

    private static final int TYPES = 2_000;

    public static final class Everything {

        final AtomicLong received = new AtomicLong();

        public void on(Object event) {
            received.incrementAndGet();
        }
    }

    @Test
    void twoThousandEventTypesAreEachCountedSeparately() throws Exception {
        Everything everything = new Everything();
        EventDispatcher dispatcher = new EventDispatcher(List.of(ListenerDefinition.of("everything", everything,
                Listeners.method(Everything.class, "on"), 0, Delivery.SYNC)), DispatcherSettings.defaults());
        Class<?>[] types = new Class<?>[TYPES];
        for (int i = 0; i < TYPES; i++) {
            types[i] = defineEventClass("Generated" + i);
        }

        long total = 0;
        for (int i = 0; i < TYPES; i++) {
            Object event = types[i].getDeclaredConstructor().newInstance();
            for (int n = 0; n < published(i); n++) {
                dispatcher.dispatch(event);
                total++;
            }
        }

        assertThat(everything.received).hasValue(total);
        Map<String, EventTypeStatistics> byType = dispatcher.statistics().eventTypes().stream()
                .collect(Collectors.toMap(EventTypeStatistics::type, Function.identity()));
        for (int i = 0; i < TYPES; i++) {
            EventTypeStatistics statistics = byType.get(types[i].getName());
            assertThat(statistics).as(types[i].getName()).isNotNull();
            assertThat(statistics.published()).as(types[i].getName()).isEqualTo(published(i));
            assertThat(statistics.delivered()).as(types[i].getName()).isEqualTo(published(i));
        }
    }

    @Test
    void threadsThatShareARouteSlotEachReachTheirOwnTypesListeners() throws Exception {
        Everything everything = new Everything();
        EventDispatcher dispatcher = new EventDispatcher(List.of(ListenerDefinition.of("everything", everything,
                Listeners.method(Everything.class, "on"), 0, Delivery.SYNC)), DispatcherSettings.defaults());
        int threads = 300; // more than the most slots there are: threads meet in slots, wherever this runs
        Object[] events = new Object[threads];
        for (int i = 0; i < threads; i++) {
            events[i] = defineEventClass("Shared" + i).getDeclaredConstructor().newInstance();
        }
        List<Thread> publishers = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int mine = t;
            publishers.add(new Thread(() -> {
                for (int n = 0; n < 200; n++) { // its own type, then its neighbour's
                    dispatcher.dispatch(events[n % 2 == 0 ? mine : (mine + 1) % threads]);
                }
            }));
        }
        publishers.forEach(Thread::start);
        for (Thread publisher : publishers) {
            publisher.join(30_000);
        }

        assertThat(publishers).noneMatch(Thread::isAlive);
        assertThat(everything.received).hasValue(threads * 200L);
        Map<String, EventTypeStatistics> byType = dispatcher.statistics().eventTypes().stream()
                .collect(Collectors.toMap(EventTypeStatistics::type, Function.identity()));
        for (Object event : events) {
            assertThat(byType.get(event.getClass().getName()).delivered()).as(event.getClass().getName())
                    .isEqualTo(200);
        }
    }

    private static int published(int type) {
        return type % 7 + 1;
    }

    /** A public class with a public no-arg constructor and nothing else, in this package. */
    private static Class<?> defineEventClass(String simpleName) throws IllegalAccessException {
        String name = ManyEventTypesTest.class.getPackageName().replace('.', '/') + "/" + simpleName;
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL, name, null, "java/lang/Object", null);
        MethodVisitor constructor = writer.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        constructor.visitCode();
        constructor.visitVarInsn(Opcodes.ALOAD, 0);
        constructor.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        constructor.visitInsn(Opcodes.RETURN);
        constructor.visitMaxs(0, 0);
        constructor.visitEnd();
        writer.visitEnd();
        return MethodHandles.lookup().defineClass(writer.toByteArray());
    }
}
