package io.zerogc.events.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.ZeroGcListener;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Closed contexts are garbage with the whole auto-configuration of a real application: actuator,
 * Micrometer (whose registries outlive a context: Micrometer's global registry holds Boot's) and
 * spring-kafka on the class path. The starter's meters reach its engine, so they must leave their
 * registries when the context closes.
 */
class ClosedContextWithActuatorTest {

    record Ping(int n) {
    }

    static class Counter {

        final AtomicInteger pings = new AtomicInteger();

        @ZeroGcListener
        public void on(Ping ping) {
            pings.incrementAndGet();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {

        @Bean
        Counter counter() {
            return new Counter();
        }
    }

    @ParameterizedTest(name = "async delivery: {0}")
    @ValueSource(booleans = { false, true })
    void everyClosedContextIsCollected(boolean async) {
        List<WeakReference<Object>> counters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            counters.add(runAndClose(async));
        }

        for (int i = 0; i < 50 && counters.stream().anyMatch(counter -> counter.get() != null); i++) {
            System.gc();
            byte[][] pressure = new byte[64][];
            for (int j = 0; j < pressure.length; j++) {
                pressure[j] = new byte[64 * 1024];
            }
            Thread.onSpinWait();
        }

        assertThat(counters).as("a bean of each closed context")
                .allSatisfy(counter -> assertThat(counter.get()).isNull());
    }

    /** In a method of its own, so that no local variable of the test keeps the context. */
    private static WeakReference<Object> runAndClose(boolean async) {
        SpringApplication application = new SpringApplication(App.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setLogStartupInfo(false);
        // Boot's Prometheus exemplars auto-configuration (with a tracer on the class path) keeps the last closed
        // context reachable by itself, with or without the starter: left out, so that what is measured is ours.
        ConfigurableApplicationContext context = application.run("--zerogc.events.async.enabled=" + async,
                "--spring.main.banner-mode=off", "--zerogc.events.stats.latency.enabled=true",
                "--management.endpoints.web.exposure.include=*", "--spring.autoconfigure.exclude=org.springframework.boot.micrometer.tracing.autoconfigure.prometheus.PrometheusExemplarsAutoConfiguration");
        Counter counter = context.getBean(Counter.class);
        ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
        for (int i = 0; i < 100; i++) {
            publisher.publish(new Ping(i));
        }
        context.close();
        return new WeakReference<>(counter);
    }
}
