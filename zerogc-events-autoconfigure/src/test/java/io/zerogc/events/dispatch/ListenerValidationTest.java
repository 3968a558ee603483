package io.zerogc.events.dispatch;

import static io.zerogc.events.dispatch.Listeners.dispatcher;
import static io.zerogc.events.dispatch.Listeners.listener;
import static io.zerogc.events.dispatch.Listeners.method;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zerogc.events.Delivery;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListenerValidationTest {

    @SuppressWarnings("unused")
    static class OrderAudit {

        public static void onStatic(String event) {
        }

        public void noParameter() {
        }

        public void twoParameters(String order, int quantity) {
        }

        public void primitive(long id) {
        }

        public void array(String[] events) {
        }

        public void parameterized(List<String> events) {
        }

        public <T extends CharSequence> void typeVariable(T event) {
        }

        public void raw(@SuppressWarnings("rawtypes") List events) {
        }

        public void async(String event) {
        }
    }

    private final OrderAudit audit = new OrderAudit();

    @Test
    void staticMethodsAreRejected() {
        assertProblem("onStatic", "@ZeroGcListener method " + OrderAudit.class.getName()
                + ".onStatic(String) of bean 'OrderAudit' must not be static: listeners are invoked on their bean");
    }

    @Test
    void methodsWithoutParameterAreRejected() {
        assertProblem("noParameter", OrderAudit.class.getName()
                + ".noParameter() of bean 'OrderAudit' must take exactly one parameter, the event, but takes 0");
    }

    @Test
    void methodsWithSeveralParametersAreRejected() {
        assertProblem("twoParameters", OrderAudit.class.getName()
                + ".twoParameters(String, int) of bean 'OrderAudit' must take exactly one parameter, the event, but takes 2");
    }

    @Test
    void primitiveParametersAreRejected() {
        assertProblem("primitive", ".primitive(long) of bean 'OrderAudit' must take an object event, not the primitive 'long'");
    }

    @Test
    void arrayParametersAreRejected() {
        assertProblem("array", ".array(String[]) of bean 'OrderAudit' must not take an array (String[])");
    }

    @Test
    void parameterizedParametersAreRejectedBecauseTheyAreErased() {
        assertProblem("parameterized", ".parameterized(List) of bean 'OrderAudit' takes the generic type"
                + " java.util.List<java.lang.String>, which is erased at runtime");
    }

    @Test
    void typeVariableParametersAreRejectedBecauseTheyAreErased() {
        assertProblem("typeVariable", ".typeVariable(CharSequence) of bean 'OrderAudit' takes the generic type T,"
                + " which is erased at runtime");
    }

    @Test
    void rawTypesAreAccepted() {
        assertThat(ListenerCompiler.problemWith(listener(audit, "raw"), false)).isNull();
    }

    @Test
    void asyncDeliveryNeedsAsyncSwitchedOn() {
        ListenerDefinition async = ListenerDefinition.of("audit", audit, method(OrderAudit.class, "async"), 0,
                Delivery.ASYNC);

        assertThat(ListenerCompiler.problemWith(async, false)).endsWith(
                ".async(String) of bean 'audit' asks for Delivery.ASYNC, but asynchronous delivery is not enabled");
        assertThat(ListenerCompiler.problemWith(async, true)).isNull();
    }

    @Test
    void theDispatcherReportsEveryInvalidListenerAtOnce() {
        assertThatThrownBy(() -> dispatcher(listener(audit, "noParameter"), listener(audit, "raw"),
                listener(audit, "primitive")))
                .isInstanceOf(InvalidListenerException.class)
                .hasMessageStartingWith("2 invalid listeners:")
                .hasMessageContaining("noParameter()").hasMessageContaining("primitive(long)")
                .satisfies(ex -> assertThat(((InvalidListenerException) ex).problems()).hasSize(2));
    }

    @Test
    void methodsOfClassesThatCannotBeOpenedAreRejectedWithTheReason() throws NoSuchMethodException {
        // A private JDK class in a package java.base does not open: neither a private nor a public lookup reaches it.
        Collection<Object> unmodifiable = Collections.unmodifiableCollection(new ArrayList<>());
        ListenerDefinition definition = ListenerDefinition.of("jdk", unmodifiable,
                unmodifiable.getClass().getMethod("contains", Object.class), 0, Delivery.DEFAULT);

        assertThatThrownBy(() -> dispatcher(definition)).isInstanceOf(InvalidListenerException.class)
                .hasMessageStartingWith("@ZeroGcListener method java.util.Collections$UnmodifiableCollection"
                        + ".contains(Object) of bean 'jdk' cannot be accessed");
    }

    @Test
    void publicMethodsOfPublicClassesInClosedPackagesAreStillCalled() throws NoSuchMethodException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        EventDispatcher dispatcher = dispatcher(ListenerDefinition.of("out", out,
                PrintStream.class.getMethod("print", Object.class), 0, Delivery.DEFAULT));

        dispatcher.dispatch("x");
        dispatcher.dispatch(42);

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("x42");
    }

    private void assertProblem(String methodName, String expected) {
        assertThat(ListenerCompiler.problemWith(listener(audit, methodName), false)).contains(expected);
    }
}
