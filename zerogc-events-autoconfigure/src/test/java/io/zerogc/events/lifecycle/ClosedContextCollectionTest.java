package io.zerogc.events.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerogc.events.Delivery;
import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.ZeroGcListener;
import io.zerogc.events.autoconfigure.ZeroGcEventsAutoConfiguration;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A closed context is garbage: nothing the starter keeps beyond the context (static state, class
 * values keyed by event classes that outlive it, threads) may reach its beans. Test suites close and
 * evict contexts all the time.
 */
class ClosedContextCollectionTest {

    /** Published by listeners, so routes hold a result-publishing invoker. */
    record Ping(int n) {
    }

    record Pong(int n) {
    }

    /** A listener that returns a value and holds the publisher, the two ways a route reaches the engine. */
    static class Responder {

        final ZeroGcEventPublisher publisher;
        final List<Object> seen = new ArrayList<>();

        Responder(ZeroGcEventPublisher publisher) {
            this.publisher = publisher;
        }

        @ZeroGcListener(delivery = Delivery.SYNC)
        Pong on(Ping ping) {
            return new Pong(ping.n());
        }

        @ZeroGcListener
        void on(Pong pong) {
            synchronized (seen) {
                seen.add(pong);
            }
        }

        @ZeroGcListener
        void on(String text) {
            synchronized (seen) {
                seen.add(text);
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(ZeroGcEventsAutoConfiguration.class)
    static class App {

        @Bean
        Responder responder(ZeroGcEventPublisher publisher) {
            return new Responder(publisher);
        }
    }

    @ParameterizedTest(name = "async delivery: {0}")
    @ValueSource(booleans = { false, true })
    void aClosedContextIsCollected(boolean async) throws Exception {
        WeakReference<Object> responder = runAndClose(async);

        for (int i = 0; i < 50 && responder.get() != null; i++) {
            System.gc();
            byte[][] pressure = new byte[64][];
            for (int j = 0; j < pressure.length; j++) {
                pressure[j] = new byte[64 * 1024];
            }
            Thread.onSpinWait();
        }

        assertThat(responder.get()).as("a bean of the closed context").isNull();
    }

    /** In a method of its own, so that no local variable of the test keeps the context. */
    private static WeakReference<Object> runAndClose(boolean async) {
        SpringApplication application = new SpringApplication(App.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setLogStartupInfo(false);
        ConfigurableApplicationContext context = application.run("--zerogc.events.async.enabled=" + async,
                "--spring.main.banner-mode=off");
        Responder responder = context.getBean(Responder.class);
        ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
        for (int i = 0; i < 100; i++) {
            publisher.publish(new Ping(i));
            publisher.publish("text " + i); // String outlives every context: its class value must not keep this one
        }
        context.close();
        return new WeakReference<>(responder);
    }
}
