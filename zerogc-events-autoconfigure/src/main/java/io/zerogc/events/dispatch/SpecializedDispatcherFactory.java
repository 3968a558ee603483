package io.zerogc.events.dispatch;

import io.zerogc.events.ListenerErrorHandler;
import io.zerogc.events.stats.DispatchCounters;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.List;
import org.springframework.asm.ClassWriter;
import org.springframework.asm.Label;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;
import org.springframework.asm.Type;

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
 * Up to {@link #INLINED_FANOUT} listeners, parts keep every method small enough for the JIT to inline
 * into {@code dispatch}, and {@code dispatch} into the publisher. Beyond that no caller inlines them all
 * anyway, and each part is a real call per event: parts of {@link #LARGE_PART_SIZE} listeners keep those
 * calls few (6 instead of 42 for 500 isolated listeners), each part still compiled whole with its
 * listeners inlined.
 */
final class SpecializedDispatcherFactory {

    /** Above this many listeners for one class, an array loop serves (class-file limits). */
    static final int MAX_LISTENERS = 2048;

    /** Listeners per generated method: 16 calls are ~210 bytes of bytecode, under the JIT's inlining size. */
    static final int PART_SIZE = 16;

    /** Isolating calls carry a handler each (~22 bytes a listener): 12 stay under the inlining size. */
    static final int ISOLATING_PART_SIZE = 12;

    /** The most listeners cut into parts the JIT inlines ({@link #PART_SIZE}, {@link #ISOLATING_PART_SIZE}). */
    static final int INLINED_FANOUT = 32;

    /**
     * Listeners per generated method above {@link #INLINED_FANOUT}: ~2,100 bytes of bytecode when isolating,
     * well under the 8,000 beyond which HotSpot compiles no method at all.
     */
    static final int LARGE_PART_SIZE = 96;

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
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String type1, String type2) {
                // Frames here only ever merge a type with itself; never load the class being generated.
                return type1.equals(type2) ? type1 : "java/lang/Object";
            }
        };
        cw.visit(Opcodes.V17, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC, SELF, null, SUPER, null);
        for (int i = 0; i < listenerCount; i++) {
            cw.visitField(Opcodes.ACC_STATIC | Opcodes.ACC_FINAL | Opcodes.ACC_PRIVATE, "l" + i, INVOKER_DESCRIPTOR,
                    null, null).visitEnd();
        }
        constructor(cw);
        staticInitializer(cw, listenerCount);
        int partSize = partSize(listenerCount, isolating);
        int parts = (listenerCount + partSize - 1) / partSize;
        for (int part = 0; part < parts; part++) {
            int from = part * partSize;
            int to = Math.min(listenerCount, from + partSize);
            if (isolating) {
                isolatingPart(cw, part, from, to);
            }
            else {
                part(cw, part, from, to);
            }
        }
        MethodVisitor dispatch = cw.visitMethod(Opcodes.ACC_FINAL, "dispatch", EVENT_METHOD, null, null);
        dispatch.visitCode();
        for (int part = 0; part < parts; part++) {
            dispatch.visitVarInsn(Opcodes.ALOAD, 0);
            dispatch.visitVarInsn(Opcodes.ALOAD, 1);
            dispatch.visitMethodInsn(Opcodes.INVOKEVIRTUAL, SELF, "p" + part, EVENT_METHOD, false);
        }
        dispatch.visitInsn(Opcodes.RETURN);
        end(dispatch);
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** Listeners per generated part, for a dispatcher of {@code listenerCount} listeners. */
    static int partSize(int listenerCount, boolean isolating) {
        if (listenerCount > INLINED_FANOUT) {
            return LARGE_PART_SIZE;
        }
        return isolating ? ISOLATING_PART_SIZE : PART_SIZE;
    }

    private static void constructor(ClassWriter cw) {
        String descriptor = "(Lio/zerogc/events/stats/DispatchCounters;I[ILio/zerogc/events/ListenerErrorHandler;"
                + "[Ljava/lang/String;)V";
        MethodVisitor code = cw.visitMethod(0, "<init>", descriptor, null, null);
        code.visitCode();
        code.visitVarInsn(Opcodes.ALOAD, 0);
        code.visitVarInsn(Opcodes.ALOAD, 1);
        code.visitVarInsn(Opcodes.ILOAD, 2);
        code.visitVarInsn(Opcodes.ALOAD, 3);
        code.visitVarInsn(Opcodes.ALOAD, 4);
        code.visitVarInsn(Opcodes.ALOAD, 5);
        code.visitMethodInsn(Opcodes.INVOKESPECIAL, SUPER, "<init>", descriptor, false);
        code.visitInsn(Opcodes.RETURN);
        end(code);
    }

    /** Copies the invokers from the class data into the static final fields. */
    private static void staticInitializer(ClassWriter cw, int listenerCount) {
        MethodVisitor code = cw.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
        code.visitCode();
        code.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/invoke/MethodHandles", "lookup",
                "()Ljava/lang/invoke/MethodHandles$Lookup;", false);
        code.visitLdcInsn("_");
        code.visitLdcInsn(Type.getObjectType("java/util/List"));
        code.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/invoke/MethodHandles", "classData",
                "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;)Ljava/lang/Object;", false);
        code.visitTypeInsn(Opcodes.CHECKCAST, "java/util/List");
        code.visitVarInsn(Opcodes.ASTORE, 0);
        for (int i = 0; i < listenerCount; i++) {
            code.visitVarInsn(Opcodes.ALOAD, 0);
            code.visitIntInsn(Opcodes.SIPUSH, i);
            code.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/util/List", "get", "(I)Ljava/lang/Object;", true);
            code.visitTypeInsn(Opcodes.CHECKCAST, INVOKER);
            code.visitFieldInsn(Opcodes.PUTSTATIC, SELF, "l" + i, INVOKER_DESCRIPTOR);
        }
        code.visitInsn(Opcodes.RETURN);
        end(code);
    }

    /** Calls listeners [from, to); local 2 holds the position of the listener being called. */
    private static void part(ClassWriter cw, int part, int from, int to) {
        MethodVisitor code = cw.visitMethod(Opcodes.ACC_FINAL, "p" + part, EVENT_METHOD, null, null);
        code.visitCode();
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        code.visitTryCatchBlock(start, end, handler, "java/lang/Throwable");
        code.visitIntInsn(Opcodes.SIPUSH, from);
        code.visitVarInsn(Opcodes.ISTORE, 2);
        code.visitLabel(start);
        for (int i = from; i < to; i++) {
            code.visitIntInsn(Opcodes.SIPUSH, i);
            code.visitVarInsn(Opcodes.ISTORE, 2);
            callListener(code, i);
        }
        code.visitLabel(end);
        code.visitInsn(Opcodes.RETURN);
        code.visitLabel(handler);
        code.visitVarInsn(Opcodes.ASTORE, 3);
        code.visitVarInsn(Opcodes.ALOAD, 0);
        code.visitVarInsn(Opcodes.ILOAD, 2);
        code.visitVarInsn(Opcodes.ALOAD, 3);
        code.visitMethodInsn(Opcodes.INVOKEVIRTUAL, SUPER, "failed", "(ILjava/lang/Throwable;)Ljava/lang/Throwable;",
                false);
        code.visitInsn(Opcodes.ATHROW);
        end(code);
    }

    /**
     * Calls listeners [from, to), each in a try of its own whose handler reports the failure through
     * {@code Dispatcher.isolated} and goes on with the next listener:
     * <pre>
     * try { l_i.onEvent(e); } catch (Throwable t) { isolated(i, t, e); }     // for each i
     * </pre>
     */
    private static void isolatingPart(ClassWriter cw, int part, int from, int to) {
        MethodVisitor code = cw.visitMethod(Opcodes.ACC_FINAL, "p" + part, EVENT_METHOD, null, null);
        code.visitCode();
        for (int i = from; i < to; i++) {
            Label start = new Label();
            Label end = new Label();
            Label handler = new Label();
            Label next = new Label();
            code.visitTryCatchBlock(start, end, handler, "java/lang/Throwable");
            code.visitLabel(start);
            callListener(code, i);
            code.visitLabel(end);
            code.visitJumpInsn(Opcodes.GOTO, next);
            code.visitLabel(handler);
            code.visitVarInsn(Opcodes.ASTORE, 2);
            code.visitVarInsn(Opcodes.ALOAD, 0);
            code.visitIntInsn(Opcodes.SIPUSH, i);
            code.visitVarInsn(Opcodes.ALOAD, 2);
            code.visitVarInsn(Opcodes.ALOAD, 1);
            code.visitMethodInsn(Opcodes.INVOKEVIRTUAL, SUPER, "isolated",
                    "(ILjava/lang/Throwable;Ljava/lang/Object;)V", false);
            code.visitLabel(next);
        }
        code.visitInsn(Opcodes.RETURN);
        end(code);
    }

    /** {@code l_i.onEvent(e)}: a constant receiver, so the JIT inlines the invoker and the listener. */
    private static void callListener(MethodVisitor code, int i) {
        code.visitFieldInsn(Opcodes.GETSTATIC, SELF, "l" + i, INVOKER_DESCRIPTOR);
        code.visitVarInsn(Opcodes.ALOAD, 1);
        code.visitMethodInsn(Opcodes.INVOKEINTERFACE, INVOKER, "onEvent", EVENT_METHOD, true);
    }

    /** Stack and locals sizes and frames are computed by ASM. */
    private static void end(MethodVisitor code) {
        code.visitMaxs(0, 0);
        code.visitEnd();
    }
}
