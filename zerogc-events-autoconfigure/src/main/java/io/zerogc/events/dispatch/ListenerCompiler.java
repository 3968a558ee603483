package io.zerogc.events.dispatch;

import io.zerogc.events.ring.BatchPosition;
import io.zerogc.events.Delivery;
import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaConversionException;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Turns listener methods into {@link ListenerInvoker}s that call the method directly.
 *
 * <p>Each invoker is a class spun by {@link LambdaMetafactory} as a nestmate of the method's
 * declaring class, so it reaches non-public methods of beans without reflection and its call site is
 * an ordinary {@code invokevirtual}/{@code invokeinterface} the JIT can inline. One class is spun per
 * method, not per bean: many beans of one class share it, which keeps the number of receiver types a
 * dispatch loop sees as small as the number of listener classes.
 *
 * <p>Not thread-safe; used once, at startup.
 */
public final class ListenerCompiler {

    private static final MethodType VOID_SAM = MethodType.methodType(void.class, Object.class);
    private static final MethodType RESULT_SAM = MethodType.methodType(Object.class, Object.class);
    private static final MethodType BATCH_SAM = MethodType.methodType(void.class, Object.class, boolean.class);

    /** Invoker factories by method and event type (relays share one method across event types). */
    private final Map<List<Object>, MethodHandle> factories = new HashMap<>();

    /**
     * Creates a compiler; each one spins a method's invoker class once.
     */
    public ListenerCompiler() {
    }

    /**
     * How the problem of a {@code Delivery.ASYNC} listener without asynchronous delivery ends, so that
     * the application's glue can name its own switch for it.
     */
    static final String ASYNC_UNAVAILABLE = " asks for Delivery.ASYNC, but asynchronous delivery is not enabled";

    /**
     * Checks the shape of a listener method.
     *
     * @param definition the listener
     * @param asyncAvailable whether asynchronous delivery is switched on
     * @return what is wrong, naming the bean and method, or {@code null} when the listener is valid
     */
    public static String problemWith(ListenerDefinition definition, boolean asyncAvailable) {
        Method method = definition.method();
        String culprit = definition.describe();
        if (Modifier.isStatic(method.getModifiers())) {
            return culprit + " must not be static: listeners are invoked on their bean";
        }
        boolean batchAware = definition.batchAware();
        if (method.getParameterCount() != 1 && !batchAware) {
            return culprit + " must take exactly one parameter, the event, but takes " + method.getParameterCount()
                    + (method.getParameterCount() == 2 ? " (the second may only be boolean endOfBatch, for an"
                            + " asynchronous listener)" : "");
        }
        if (batchAware && (definition.delivery() == Delivery.SYNC
                || definition.delivery() == Delivery.DEFAULT && !asyncAvailable)) {
            return culprit + " takes boolean endOfBatch, which only asynchronous listeners get: declare"
                    + " @ZeroGcListener(delivery = Delivery.ASYNC)" + (definition.delivery() == Delivery.DEFAULT
                            ? " or switch asynchronous delivery on" : "");
        }
        if (batchAware && method.getReturnType() != void.class) {
            return culprit + " takes boolean endOfBatch and returns " + method.getReturnType().getSimpleName()
                    + ": a listener that observes batches returns nothing";
        }
        Class<?> type = method.getParameterTypes()[0];
        if (type.isPrimitive()) {
            return culprit + " must take an object event, not the primitive '" + type.getName() + "'";
        }
        if (type.isArray()) {
            return culprit + " must not take an array (" + type.getSimpleName()
                    + "): publish one object that holds the elements";
        }
        if (!type.isAssignableFrom(definition.eventType())) {
            return culprit + " is declared for events of " + definition.eventType().getName()
                    + ", which its parameter type " + type.getName() + " cannot take";
        }
        Type generic = method.getGenericParameterTypes()[0];
        if (definition.eventType() == type && (generic instanceof ParameterizedType
                || generic instanceof TypeVariable<?>)) {
            return culprit + " takes the generic type " + generic.getTypeName()
                    + ", which is erased at runtime so events cannot be matched by it: declare a concrete event class"
                    + " (or the raw type " + type.getSimpleName() + ")";
        }
        if (definition.delivery() == Delivery.ASYNC && !asyncAvailable) {
            return culprit + ASYNC_UNAVAILABLE;
        }
        return null;
    }

    /**
     * Compiles a valid listener; one that takes {@code boolean endOfBatch} into an invoker that asks its
     * consumer's batch position whether the event is its last of the batch.
     *
     * @param definition the listener, valid according to {@link #problemWith}
     * @param resultSink where the values a non-void listener returns are published
     * @param position the position of the listener's consumer, for a batch-aware listener; {@code null} otherwise
     * @param k the listener's number in that position, -1 otherwise
     * @return the invoker
     * @throws InvalidListenerException if the method cannot be accessed or linked
     */
    public ListenerInvoker compile(ListenerDefinition definition, Consumer<Object> resultSink, BatchPosition position,
            int k) {
        Method method = definition.invocable();
        boolean returnsValue = method.getReturnType() != void.class;
        boolean batchAware = definition.batchAware();
        try {
            List<Object> key = List.of(method, definition.eventType());
            MethodHandle factory = factories.get(key);
            if (factory == null) {
                factory = batchAware ? spinBatchAware(method, definition.eventType())
                        : spin(method, definition.eventType(), returnsValue);
                factories.put(key, factory);
            }
            Object invoker = factory.invoke(definition.target());
            if (batchAware) {
                return new EndOfBatchInvoker((BatchListenerInvoker) invoker, Objects.requireNonNull(position,
                        "position"), k);
            }
            return returnsValue ? new ResultPublishingInvoker((ResultInvoker) invoker, resultSink)
                    : (ListenerInvoker) invoker;
        }
        catch (IllegalAccessException ex) {
            throw new InvalidListenerException(List.of(definition.describe() + " cannot be accessed ("
                    + ex.getMessage() + "): make the method and its class public, or open the package"));
        }
        catch (LambdaConversionException | ClassCastException ex) {
            throw new InvalidListenerException(List.of(definition.describe() + " cannot be linked on "
                    + definition.target().getClass().getName() + ": " + ex.getMessage()));
        }
        catch (RuntimeException | Error ex) {
            throw ex;
        }
        catch (Throwable ex) {
            throw new IllegalStateException("Unexpected failure compiling " + definition.describe(), ex);
        }
    }

    /**
     * Spins the invoker class of one method.
     *
     * @return a factory taking the receiver and returning the invoker bound to it
     */
    private static MethodHandle spin(Method method, Class<?> eventType, boolean returnsValue)
            throws IllegalAccessException, LambdaConversionException {
        MethodHandles.Lookup lookup = lookupFor(method);
        MethodHandle implementation = lookup.unreflect(method);
        Class<?> sam = returnsValue ? ResultInvoker.class : ListenerInvoker.class;
        CallSite site = LambdaMetafactory.metafactory(lookup, "onEvent",
                MethodType.methodType(sam, method.getDeclaringClass()), returnsValue ? RESULT_SAM : VOID_SAM,
                implementation, MethodType.methodType(returnsValue ? Object.class : void.class, eventType));
        return site.getTarget();
    }

    /** Spins the invoker class of a method that takes {@code (event, boolean endOfBatch)}. */
    private static MethodHandle spinBatchAware(Method method, Class<?> eventType)
            throws IllegalAccessException, LambdaConversionException {
        MethodHandles.Lookup lookup = lookupFor(method);
        MethodHandle implementation = lookup.unreflect(method);
        CallSite site = LambdaMetafactory.metafactory(lookup, "onEvent",
                MethodType.methodType(BatchListenerInvoker.class, method.getDeclaringClass()), BATCH_SAM,
                implementation, MethodType.methodType(void.class, eventType, boolean.class));
        return site.getTarget();
    }

    /**
     * A lookup in the declaring class, so the spun class is its nestmate and may call non-public methods.
     * Falls back to our own lookup for public methods of classes we may not open (another module's).
     */
    private static MethodHandles.Lookup lookupFor(Method method) throws IllegalAccessException {
        Class<?> declaring = method.getDeclaringClass();
        try {
            return MethodHandles.privateLookupIn(declaring, MethodHandles.lookup());
        }
        catch (IllegalAccessException ex) {
            MethodHandles.Lookup own = MethodHandles.lookup();
            own.unreflect(method); // throws IllegalAccessException when not publicly reachable either
            return own;
        }
    }
}
