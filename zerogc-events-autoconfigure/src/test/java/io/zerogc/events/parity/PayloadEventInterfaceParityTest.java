package io.zerogc.events.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerogc.events.autoconfigure.ZeroGcEventsAutoConfiguration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Spring's {@code PayloadApplicationEventTests.eventClassWithInterface} and
 * {@code eventClassWithInterfaceOnParentContext}: a subclass of {@code PayloadApplicationEvent} that
 * implements an interface, published through the context, reaches an {@code @EventListener} of that
 * interface as the event itself, in the publishing context and in its parent. Run on plain Spring and
 * with the starter (its {@code @EventListener}s compiled or not), in the same run, and compared.
 */
class PayloadEventInterfaceParityTest {

    interface Auditable {
    }

    /** A payload event that is also Auditable. */
    static final class AuditablePayloadEvent<T> extends PayloadApplicationEvent<T> implements Auditable {

        private static final long serialVersionUID = 1L;

        AuditablePayloadEvent(Object source, T payload) {
            super(source, payload);
        }
    }

    static class AuditableListener {

        final List<Auditable> events = new CopyOnWriteArrayList<>();

        @EventListener
        public void onEvent(Auditable event) {
            events.add(event);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class PlainApp {

        @Bean
        AuditableListener auditableListener() {
            return new AuditableListener();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(ZeroGcEventsAutoConfiguration.class)
    static class StarterApp {

        @Bean
        AuditableListener auditableListener() {
            return new AuditableListener();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class PlainChild {
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(ZeroGcEventsAutoConfiguration.class)
    static class StarterChild {
    }

    private static ConfigurableApplicationContext run(Class<?> app, boolean compile,
            ConfigurableApplicationContext parent) {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(app).web(WebApplicationType.NONE)
                .properties("zerogc.events.compile-event-listeners=" + compile, "spring.main.banner-mode=off");
        return (parent != null ? builder.parent(parent) : builder).run();
    }

    /** What the listener received of one event published in its own context, and of one from a child. */
    private static List<Object> scenario(Class<?> app, Class<?> child, boolean compile) {
        try (ConfigurableApplicationContext context = run(app, compile, null);
                ConfigurableApplicationContext childContext = run(child, compile, context)) {
            AuditableListener listener = context.getBean(AuditableListener.class);
            AuditablePayloadEvent<String> own = new AuditablePayloadEvent<>(context, "xyz");
            context.publishEvent(own);
            AuditablePayloadEvent<String> fromChild = new AuditablePayloadEvent<>(childContext, "abc");
            childContext.publishEvent(fromChild);
            return List.of(listener.events.contains(own), listener.events.contains(fromChild),
                    listener.events.size());
        }
    }

    @ParameterizedTest(name = "compile-event-listeners={0}")
    @ValueSource(booleans = { false, true })
    void anInterfaceListenerGetsAPayloadEventImplementingItAsSpringDoes(boolean compile) {
        List<Object> plain = scenario(PlainApp.class, PlainChild.class, false);
        List<Object> starter = scenario(StarterApp.class, StarterChild.class, compile);

        assertThat(plain).as("plain Spring").containsExactly(true, true, 2);
        assertThat(starter).as("with the starter").isEqualTo(plain);
    }
}
