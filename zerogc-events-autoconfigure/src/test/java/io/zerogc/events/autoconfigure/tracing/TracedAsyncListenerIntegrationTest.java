package io.zerogc.events.autoconfigure.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.zerogc.events.Delivery;
import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.ZeroGcListener;
import io.zerogc.events.support.LocalHttp;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An HTTP request publishes an event, in an application with Boot's tracing auto-configuration (Brave) as
 * it comes: with {@code zerogc.events.async.propagate-context=true} the asynchronous listener logs the
 * request's trace id and its own spans are children of the request's; without, they are not; a
 * synchronous listener has the request's either way.
 */
class TracedAsyncListenerIntegrationTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    /** What the event is about. */
    public record OrderTaken(String id) {
    }

    /** What a listener found on its thread. */
    record Seen(String listener, String mdcTraceId, String traceId, String spanId, String parentId,
            String childParentId, String thread) {
    }

    /** The request: publishes the order and answers with its own trace and span ids. */
    @RestController
    static class Orders {

        private final ZeroGcEventPublisher publisher;
        private final Tracer tracer;

        Orders(ZeroGcEventPublisher publisher, Tracer tracer) {
            this.publisher = publisher;
            this.tracer = tracer;
        }

        @PostMapping("/orders/{id}")
        String take(@PathVariable String id) {
            publisher.publish(new OrderTaken(id));
            Span request = tracer.currentSpan();
            return request.context().traceId() + " " + request.context().spanId();
        }
    }

    /** Listeners that note what their thread carries, and start a span of their own. */
    static class Listeners {

        final List<Seen> seen = new CopyOnWriteArrayList<>();
        private final Tracer tracer;

        Listeners(Tracer tracer) {
            this.tracer = tracer;
        }

        @ZeroGcListener(delivery = Delivery.ASYNC)
        public void later(OrderTaken order) {
            note("async");
        }

        @ZeroGcListener(delivery = Delivery.SYNC)
        public void now(OrderTaken order) {
            note("sync");
        }

        private void note(String listener) {
            Span current = tracer.currentSpan();
            Span child = tracer.nextSpan().name("listener work").start();
            try {
                seen.add(new Seen(listener, MDC.get("traceId"), current == null ? null : current.context().traceId(),
                        current == null ? null : current.context().spanId(),
                        current == null ? null : current.context().parentId(), child.context().parentId(),
                        Thread.currentThread().getName()));
            }
            finally {
                child.end();
            }
        }

        Seen last(String listener) {
            return seen.stream().filter(s -> s.listener().equals(listener)).reduce((a, b) -> b).orElseThrow();
        }

        long count(String listener) {
            return seen.stream().filter(s -> s.listener().equals(listener)).count();
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({Orders.class, Listeners.class})
    static class App {
    }

    private static ConfigurableApplicationContext start(boolean propagate, String... properties) {
        return new SpringApplicationBuilder(App.class).web(WebApplicationType.SERVLET).properties(
                "server.port=0", "spring.main.banner-mode=off", "management.tracing.sampling.probability=1.0",
                "zerogc.events.async.enabled=true", "zerogc.events.async.propagate-context=" + propagate)
                .properties(properties).run();
    }

    private static String[] post(ConfigurableApplicationContext context, String id) throws Exception {
        return LocalHttp.post(context, "/orders/" + id).split(" ");
    }

    @Test
    void withPropagationTheAsynchronousListenerRunsInTheRequestsTrace() throws Exception {
        try (ConfigurableApplicationContext context = start(true)) {
            Listeners listeners = context.getBean(Listeners.class);
            for (int request = 1; request <= 3; request++) {
                String[] ids = post(context, "o-" + request);
                long expected = request;
                await().atMost(BOUND).until(() -> listeners.count("async") == expected);

                Seen async = listeners.last("async");
                assertThat(async.thread()).startsWith("zerogc-events-");
                assertThat(async.mdcTraceId()).isEqualTo(ids[0]);
                assertThat(async.traceId()).isEqualTo(ids[0]);
                assertThat(async.childParentId()).isEqualTo(ids[1]); // its work is part of the request's trace
                Seen sync = listeners.last("sync");
                assertThat(sync.mdcTraceId()).isEqualTo(ids[0]);
                assertThat(sync.childParentId()).isEqualTo(ids[1]);
            }

            // The consumer thread is put back as it was: an event published outside any trace carries none.
            context.getBean(ZeroGcEventPublisher.class).publish(new OrderTaken("untraced"));
            await().atMost(BOUND).until(() -> listeners.count("async") == 4);
            Seen untraced = listeners.last("async");
            assertThat(untraced.mdcTraceId()).isNull();
            assertThat(untraced.traceId()).isNull();
            assertThat(untraced.childParentId()).isNullOrEmpty(); // a new trace of its own
        }
    }

    @Test
    void withoutPropagationTheAsynchronousListenerHasNoTraceAndTheSynchronousOneIsUnaffected() throws Exception {
        try (ConfigurableApplicationContext context = start(false)) {
            Listeners listeners = context.getBean(Listeners.class);
            String[] ids = post(context, "o-1");
            await().atMost(BOUND).until(() -> listeners.count("async") == 1);

            Seen async = listeners.last("async");
            assertThat(async.mdcTraceId()).isNull();
            assertThat(async.traceId()).isNull();
            assertThat(async.childParentId()).isNullOrEmpty();
            Seen sync = listeners.last("sync");
            assertThat(sync.mdcTraceId()).isEqualTo(ids[0]);
            assertThat(sync.traceId()).isEqualTo(ids[0]);
            assertThat(sync.childParentId()).isEqualTo(ids[1]);
        }
    }

    @Test
    void observedListenerCallsAreSpansOfTheRequestsTraceAndTimers() throws Exception {
        try (ConfigurableApplicationContext context = start(true, "zerogc.events.observation.enabled=true",
                "zerogc.events.stats.latency.enabled=true", "zerogc.events.stats.latency.sample-every=1")) {
            Listeners listeners = context.getBean(Listeners.class);
            String[] ids = post(context, "o-1");
            await().atMost(BOUND).until(() -> listeners.count("async") == 1);

            // Each listener runs in a span of its own call, a child of the request's span.
            for (String listener : List.of("async", "sync")) {
                Seen seen = listeners.last(listener);
                assertThat(seen.traceId()).isEqualTo(ids[0]);
                assertThat(seen.mdcTraceId()).isEqualTo(ids[0]);
                assertThat(seen.spanId()).isNotEqualTo(ids[1]);
                assertThat(seen.parentId()).isEqualTo(ids[1]);
                assertThat(seen.childParentId()).isEqualTo(seen.spanId());
            }
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            await().atMost(BOUND).until(() -> meters.find("zerogc.events.listener").timers().size() == 2);
            assertThat(meters.get("zerogc.events.listener").tag("type", OrderTaken.class.getName())
                    .tag("listener", "Listeners.later(OrderTaken)").timer().count()).isEqualTo(1);
            assertThat(meters.get("zerogc.events.listener").tag("listener", "Listeners.now(OrderTaken)").timer()
                    .count()).isEqualTo(1);
        }
    }
}
