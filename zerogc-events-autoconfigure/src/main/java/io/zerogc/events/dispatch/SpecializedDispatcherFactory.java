package io.zerogc.events.dispatch;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.List;
import io.zerogc.events.ListenerErrorHandler;
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

    /** Isolating calls carry a handler each (~22 bytes a listener): 12 stay under the inlining size. */
    static final int ISOLATING_PART_SIZE = 12;

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
     * @param handler {@code null} to propagate the first failure; otherwise every failure goes to it and
     *     the remaining listeners still run
     * @return the dispatcher
     */
    static Dispatcher create(CompiledListener[] listeners, DispatchCounters counters, int type,
            ListenerErrorHandler handler) {
        if (listeners.length == 0 || listeners.length > MAX_LISTENERS) {
            throw new IllegalArgumentException("between 1 and " + MAX_LISTENERS + " listeners, not "
                    + listeners.length);
        }
        byte[] bytes = generate(listeners.length, handler != null);
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClassWithClassData(bytes,
                    List.of(Dispatcher.invokers(listeners)), true);
            return (Dispatcher) lookup.findConstructor(lookup.lookupClass(),
                    MethodType.methodType(void.class, DispatchCounters.class, int.class, int[].class,
                            ListenerErrorHandler.class, String[].class))
                    .invoke(counters, type, Dispatcher.ids(listeners), handler,
                            handler != null ? Dispatcher.names(listeners) : null);
        }
        catch (RuntimeException | Error ex) {
            throw ex;
        }
        catch (Throwable ex) {
            throw new IllegalStateException("Cannot define the dispatcher of " + Arrays.toString(listeners), ex);
        }
    }

    static byte[] generate(int listenerCount, boolean isolating) {
        ClassFileWriter cf = new ClassFileWriter();
        for (int i = 0; i < listenerCount; i++) {
            cf.field(ClassFileWriter.ACC_STATIC | ClassFileWriter.ACC_FINAL | ClassFileWriter.ACC_PRIVATE, "l" + i,
                    INVOKER_DESCRIPTOR);
        }
        constructor(cf);
        staticInitializer(cf, listenerCount);
        int partSize = isolating ? ISOLATING_PART_SIZE : PART_SIZE;
        int parts = (listenerCount + partSize - 1) / partSize;
        for (int part = 0; part < parts; part++) {
            int from = part * partSize;
            int to = Math.min(listenerCount, from + partSize);
            if (isolating) {
                isolatingPart(cf, part, from, to);
            }
            else {
                part(cf, part, from, to);
            }
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
        String descriptor = "(Lio/zerogc/events/stats/DispatchCounters;I[ILio/zerogc/events/ListenerErrorHandler;"
                + "[Ljava/lang/String;)V";
        ClassFileWriter.Code code = new ClassFileWriter.Code(6, 6)
                .op(ALOAD_0).op(ALOAD_1).op(ILOAD_2).op(ALOAD_3).op1(ALOAD, 4).op1(ALOAD, 5)
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
    private static void part(ClassFileWriter cf, int part, int from, int to) {
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
        cf.method(ClassFileWriter.ACC_FINAL, "p" + part, EVENT_METHOD, code);
    }

    /**
     * Calls listeners [from, to), each in a try of its own whose handler reports the failure through
     * {@code Dispatcher.isolated} and goes on with the next listener:
     * <pre>
     * try { l_i.onEvent(e); } catch (Throwable t) { isolated(i, t, e); }     // for each i
     * </pre>
     */
    private static void isolatingPart(ClassFileWriter cf, int part, int from, int to) {
        int onEvent = cf.interfaceMethodRef(INVOKER, "onEvent", EVENT_METHOD);
        int isolated = cf.methodRef(SUPER, "isolated", "(ILjava/lang/Throwable;Ljava/lang/Object;)V");
        ClassFileWriter.Code code = new ClassFileWriter.Code(4, 3);
        for (int i = from; i < to; i++) {
            int start = code.position();
            code.op2(GETSTATIC, cf.fieldRef(SELF, "l" + i, INVOKER_DESCRIPTOR)).op(ALOAD_1).invokeInterface(onEvent, 2);
            int end = code.position();
            code.op2(GOTO, 3 + HANDLER_LENGTH); // over the handler, to the next listener
            int handler = code.position();
            code.op(ASTORE_2).op(ALOAD_0).op2(SIPUSH, i).op(ALOAD_2).op(ALOAD_1).op2(INVOKEVIRTUAL, isolated);
            code.catchAll(start, end, handler);
        }
        code.op(RETURN);
        cf.method(ClassFileWriter.ACC_FINAL, "p" + part, EVENT_METHOD, code);
    }

    /** Bytes of an isolating handler: astore_2, aload_0, sipush i, aload_2, aload_1, invokevirtual. */
    private static final int HANDLER_LENGTH = 1 + 1 + 3 + 1 + 1 + 3;

    private static final int ALOAD_0 = 0x2A;
    private static final int ALOAD_1 = 0x2B;
    private static final int ALOAD_2 = 0x2C;
    private static final int ALOAD_3 = 0x2D;
    private static final int ALOAD = 0x19;
    private static final int ASTORE_0 = 0x4B;
    private static final int ASTORE_2 = 0x4D;
    private static final int GOTO = 0xA7;
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
