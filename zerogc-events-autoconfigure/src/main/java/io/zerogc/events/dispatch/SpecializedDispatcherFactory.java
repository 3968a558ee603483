package io.zerogc.events.dispatch;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.List;
import io.zerogc.events.stats.DispatchCounters;

/**
 * Generates, per concrete event class, a dispatcher class whose code calls each listener from a call
 * site of its own.
 *
 * <p>A loop over an invoker array has one call site for every listener, which turns megamorphic as
 * soon as the listeners are of three or more classes; the JIT then makes an indirect call per listener
 * and inlines none. Here each listener's invoker is a {@code static final} field of a hidden class, so
 * the JIT sees a constant receiver at every call site and inlines the invoker and, through it, the
 * listener method itself: the code it compiles is the hand-written sequence of calls.
 *
 * <p>The generated class, for listeners {@code l0..ln}:
 * <pre>
 * final class SpecializedDispatcher extends Dispatcher {
 *     static final ListenerInvoker l0 = (ListenerInvoker) classData.get(0); ...
 *     void dispatch(Object e) { p0(e); p1(e); ... }          // parts of PART_SIZE listeners
 *     final void p0(Object e) {
 *         int at = 0;
 *         try { at = 0; l0.onEvent(e); at = 1; l1.onEvent(e); ... }
 *         catch (Throwable t) { throw failed(at, t); }           // counts, wraps checked exceptions
 *     }
 * }
 * </pre>
 * Parts keep every method small enough for the JIT to inline into {@code dispatch}.
 */
final class SpecializedDispatcherFactory {

    /** Above this many listeners for one class, an array loop serves (class-file limits). */
    static final int MAX_LISTENERS = 2048;

    /** Listeners per generated method: 16 calls are ~210 bytes of bytecode, under the JIT's inlining size. */
    static final int PART_SIZE = 16;

    private static final String PACKAGE = "io/zerogc/events/dispatch/";
    private static final String SELF = PACKAGE + "SpecializedDispatcher";
    private static final String SUPER = PACKAGE + "Dispatcher";
    private static final String INVOKER = PACKAGE + "ListenerInvoker";
    private static final String INVOKER_DESCRIPTOR = "L" + INVOKER + ";";
    private static final String EVENT_METHOD = "(Ljava/lang/Object;)V";

    private SpecializedDispatcherFactory() {
    }

    /**
     * Generates and instantiates the dispatcher of one event class.
     *
     * @param listeners the class's listeners, in order; between 1 and {@link #MAX_LISTENERS}
     * @param counters the engine's counters
     * @param type the event type's id
     * @return the dispatcher
     */
    static Dispatcher create(CompiledListener[] listeners, DispatchCounters counters, int type) {
        if (listeners.length == 0 || listeners.length > MAX_LISTENERS) {
            throw new IllegalArgumentException("between 1 and " + MAX_LISTENERS + " listeners, not "
                    + listeners.length);
        }
        byte[] bytes = generate(listeners.length);
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClassWithClassData(bytes,
                    List.of(Dispatcher.invokers(listeners)), true);
            return (Dispatcher) lookup.findConstructor(lookup.lookupClass(),
                    MethodType.methodType(void.class, DispatchCounters.class, int.class, int[].class))
                    .invoke(counters, type, Dispatcher.ids(listeners));
        }
        catch (RuntimeException | Error ex) {
            throw ex;
        }
        catch (Throwable ex) {
            throw new IllegalStateException("Cannot define the dispatcher of " + Arrays.toString(listeners), ex);
        }
    }

    static byte[] generate(int listenerCount) {
        ClassFileWriter cf = new ClassFileWriter();
        for (int i = 0; i < listenerCount; i++) {
            cf.field(ClassFileWriter.ACC_STATIC | ClassFileWriter.ACC_FINAL | ClassFileWriter.ACC_PRIVATE, "l" + i,
                    INVOKER_DESCRIPTOR);
        }
        constructor(cf);
        staticInitializer(cf, listenerCount);
        int parts = (listenerCount + PART_SIZE - 1) / PART_SIZE;
        for (int part = 0; part < parts; part++) {
            part(cf, part * PART_SIZE, Math.min(listenerCount, (part + 1) * PART_SIZE));
        }
        ClassFileWriter.Code dispatch = new ClassFileWriter.Code(2, 2);
        for (int part = 0; part < parts; part++) {
            dispatch.op(ALOAD_0).op(ALOAD_1).op2(INVOKEVIRTUAL, cf.methodRef(SELF, "p" + part, EVENT_METHOD));
        }
        dispatch.op(RETURN);
        cf.method(ClassFileWriter.ACC_FINAL, "dispatch", EVENT_METHOD, dispatch);
        return cf.toBytes(ClassFileWriter.ACC_FINAL | ClassFileWriter.ACC_SUPER | ClassFileWriter.ACC_SYNTHETIC, SELF,
                SUPER);
    }

    private static void constructor(ClassFileWriter cf) {
        String descriptor = "(Lio/zerogc/events/stats/DispatchCounters;I[I)V";
        ClassFileWriter.Code code = new ClassFileWriter.Code(4, 4)
                .op(ALOAD_0).op(ALOAD_1).op(ILOAD_2).op(ALOAD_3)
                .op2(INVOKESPECIAL, cf.methodRef(SUPER, "<init>", descriptor))
                .op(RETURN);
        cf.method(0, "<init>", descriptor, code);
    }

    /** Copies the invokers from the class data into the static final fields. */
    private static void staticInitializer(ClassFileWriter cf, int listenerCount) {
        ClassFileWriter.Code code = new ClassFileWriter.Code(3, 1)
                .op2(INVOKESTATIC, cf.methodRef("java/lang/invoke/MethodHandles", "lookup",
                        "()Ljava/lang/invoke/MethodHandles$Lookup;"))
                .op2(LDC_W, cf.string("_"))
                .op2(LDC_W, cf.classRef("java/util/List"))
                .op2(INVOKESTATIC, cf.methodRef("java/lang/invoke/MethodHandles", "classData",
                        "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;)Ljava/lang/Object;"))
                .op2(CHECKCAST, cf.classRef("java/util/List"))
                .op(ASTORE_0);
        int get = cf.interfaceMethodRef("java/util/List", "get", "(I)Ljava/lang/Object;");
        int invoker = cf.classRef(INVOKER);
        for (int i = 0; i < listenerCount; i++) {
            code.op(ALOAD_0).op2(SIPUSH, i).invokeInterface(get, 2).op2(CHECKCAST, invoker)
                    .op2(PUTSTATIC, cf.fieldRef(SELF, "l" + i, INVOKER_DESCRIPTOR));
        }
        code.op(RETURN);
        cf.method(ClassFileWriter.ACC_STATIC, "<clinit>", "()V", code);
    }

    /** Calls listeners [from, to); local 2 holds the position of the listener being called. */
    private static void part(ClassFileWriter cf, int from, int to) {
        int onEvent = cf.interfaceMethodRef(INVOKER, "onEvent", EVENT_METHOD);
        ClassFileWriter.Code code = new ClassFileWriter.Code(3, 4).op2(SIPUSH, from).op(ISTORE_2);
        int start = code.position();
        for (int i = from; i < to; i++) {
            code.op2(SIPUSH, i).op(ISTORE_2)
                    .op2(GETSTATIC, cf.fieldRef(SELF, "l" + i, INVOKER_DESCRIPTOR))
                    .op(ALOAD_1).invokeInterface(onEvent, 2);
        }
        int end = code.position();
        code.op(RETURN);
        int handler = code.position();
        code.op(ASTORE_3).op(ALOAD_0).op(ILOAD_2).op(ALOAD_3)
                .op2(INVOKEVIRTUAL, cf.methodRef(SUPER, "failed", "(ILjava/lang/Throwable;)Ljava/lang/Throwable;"))
                .op(ATHROW);
        code.catchAll(start, end, handler);
        cf.method(ClassFileWriter.ACC_FINAL, "p" + (from / PART_SIZE), EVENT_METHOD, code);
    }

    private static final int ALOAD_0 = 0x2A;
    private static final int ALOAD_1 = 0x2B;
    private static final int ALOAD_2 = 0x2C;
    private static final int ALOAD_3 = 0x2D;
    private static final int ASTORE_0 = 0x4B;
    private static final int ASTORE_3 = 0x4E;
    private static final int ILOAD_2 = 0x1C;
    private static final int ISTORE_2 = 0x3D;
    private static final int SIPUSH = 0x11;
    private static final int LDC_W = 0x13;
    private static final int GETSTATIC = 0xB2;
    private static final int PUTSTATIC = 0xB3;
    private static final int INVOKEVIRTUAL = 0xB6;
    private static final int INVOKESPECIAL = 0xB7;
    private static final int INVOKESTATIC = 0xB8;
    private static final int CHECKCAST = 0xC0;
    private static final int RETURN = 0xB1;
    private static final int ATHROW = 0xBF;
}
