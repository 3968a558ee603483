package io.zerogc.sample;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * The same traffic through plain Spring, for comparison: {@code ApplicationContext.publishEvent} to
 * {@code @EventListener} methods, with {@code @Async} on a one-thread {@link ThreadPoolTaskExecutor} for
 * the listeners that are asynchronous in the zerogc lane. Its event types are its own, so no
 * {@code @ZeroGcListener} takes part; the context's {@code publishEvent} is Spring's path (it wraps each
 * event in a {@code PayloadApplicationEvent} and finds its listeners through Spring's cache).
 */
@Configuration(proxyBeanMethods = false)
@EnableAsync
public class SpringLane {

    /** The executor's name, for {@code @Async}. */
    static final String EXECUTOR = "springLaneExecutor";

    /**
     * A quote on the Spring lane.
     *
     * @param symbol the instrument
     * @param priceCents the price
     * @param publishedNanos when it was published ({@link System#nanoTime()})
     */
    public record Quote(String symbol, long priceCents, long publishedNanos) {
    }

    /**
     * An order on the Spring lane.
     *
     * @param orderId the order's id
     * @param symbol the instrument
     * @param quantity how many units
     * @param priceCents the limit price, in cents
     */
    public record Order(long orderId, String symbol, int quantity, long priceCents) {
    }

    /**
     * One consumer thread and 4,096 queued tasks, like the zerogc lane's ring; a full queue makes the
     * publisher wait, like its {@code block} policy.
     *
     * @return the executor
     */
    @Bean(name = EXECUTOR)
    ThreadPoolTaskExecutor springLaneExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        executor.setQueueCapacity(4096);
        executor.setThreadNamePrefix("spring-lane-");
        executor.setRejectedExecutionHandler((task, pool) -> {
            try {
                pool.getQueue().put(task);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        return executor;
    }

    /**
     * The Spring lane's listeners: what the zerogc lane's price board, risk check and trade book do.
     */
    @Component
    public static class Listeners {

        private final Map<String, AtomicLong> lastPrices = new ConcurrentHashMap<>();
        private final LongAdder booked = new LongAdder();
        private final Timer latency;

        Listeners(MeterRegistry registry) {
            this.latency = Timer.builder("sample.spring.lane.delivery").description("Spring lane: publish to"
                    + " @Async listener").publishPercentiles(0.5, 0.99, 0.999)
                    .distributionStatisticExpiry(Duration.ofSeconds(20)).distributionStatisticBufferLength(3)
                    .register(registry);
        }

        /**
         * Records a quote's price and its publish-to-delivery time.
         *
         * @param quote the quote
         */
        @Async(EXECUTOR)
        @EventListener
        public void onQuote(Quote quote) {
            latency.record(System.nanoTime() - quote.publishedNanos(), TimeUnit.NANOSECONDS);
            lastPrices.computeIfAbsent(quote.symbol(), symbol -> new AtomicLong()).lazySet(quote.priceCents());
        }

        /**
         * Checks an order on the publishing thread, as the zerogc lane's risk check does.
         *
         * @param order the order
         */
        @EventListener
        public void check(Order order) {
            if (order.quantity() <= 0) {
                throw new IllegalArgumentException("order " + order.orderId() + " has no quantity");
            }
        }

        /**
         * Books an order.
         *
         * @param order the order
         */
        @Async(EXECUTOR)
        @EventListener
        public void book(Order order) {
            booked.increment();
        }

        /**
         * Orders booked.
         *
         * @return the count
         */
        public long booked() {
            return booked.sum();
        }

        /**
         * Percentiles of publish-to-delivery time over the last 20 to 60 seconds, in nanoseconds.
         *
         * @return p50, p99 and p99.9
         */
        public double[] latencyPercentiles() {
            ValueAtPercentile[] values = latency.takeSnapshot().percentileValues();
            double[] nanos = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                nanos[i] = values[i].value(TimeUnit.NANOSECONDS);
            }
            return nanos;
        }
    }

    /**
     * Publishes through the context, as existing Spring code does.
     */
    @Component
    static class Publisher implements ApplicationEventPublisherAware {

        private ApplicationEventPublisher context;

        @Override
        public void setApplicationEventPublisher(ApplicationEventPublisher publisher) {
            this.context = publisher;
        }

        void publish(Object event) {
            context.publishEvent(event);
        }
    }
}
