package io.zerogc.events.autoconfigure;

import io.zerogc.events.autoconfigure.kafka.ZeroGcKafkaProperties;
import io.zerogc.events.pool.ExhaustedPolicy;
import io.zerogc.events.ring.OverflowPolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Configuration properties for zerogc-events.
 */
@ConfigurationProperties(prefix = "zerogc.events", ignoreUnknownFields = false)
public class ZeroGcEventsProperties {

    /**
     * Whether to compile @ZeroGcListener methods and provide the zero-allocation publisher.
     */
    private boolean enabled = true;

    /**
     * What a listener failure does when no ListenerErrorHandler bean takes over.
     */
    private ErrorPolicy errorPolicy = ErrorPolicy.PROPAGATE;

    /**
     * Whether an injected ApplicationEventPublisher is the zero-allocation publisher (needs the bridge).
     */
    private boolean replacePublisher = true;

    /**
     * Whether plain @EventListener methods (no condition, singleton beans) are compiled like @ZeroGcListener ones.
     */
    private boolean compileEventListeners;

    private final Bridge bridge = new Bridge();

    private final Async async = new Async();

    private final Stats stats = new Stats();

    private final Pool pool = new Pool();

    private final Observations observation = new Observations();

    @NestedConfigurationProperty
    private final ZeroGcKafkaProperties kafka = new ZeroGcKafkaProperties();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public ErrorPolicy getErrorPolicy() {
        return errorPolicy;
    }

    public void setErrorPolicy(ErrorPolicy errorPolicy) {
        this.errorPolicy = errorPolicy;
    }

    public boolean isReplacePublisher() {
        return replacePublisher;
    }

    public void setReplacePublisher(boolean replacePublisher) {
        this.replacePublisher = replacePublisher;
    }

    public boolean isCompileEventListeners() {
        return compileEventListeners;
    }

    public void setCompileEventListeners(boolean compileEventListeners) {
        this.compileEventListeners = compileEventListeners;
    }

    public Bridge getBridge() {
        return bridge;
    }

    public Async getAsync() {
        return async;
    }

    public Pool getPool() {
        return pool;
    }

    public ZeroGcKafkaProperties getKafka() {
        return kafka;
    }

    public Stats getStats() {
        return stats;
    }

    public Observations getObservation() {
        return observation;
    }

    /**
     * What happens when a synchronous listener throws.
     */
    public enum ErrorPolicy {

        /**
         * As Spring does: the exception reaches the publisher unchanged (a checked one wrapped in
         * UndeclaredThrowableException) and the remaining listeners are not called.
         */
        PROPAGATE,

        /**
         * The failure is logged and counted, and the remaining listeners are called.
         */
        LOG_AND_CONTINUE
    }

    /**
     * Asynchronous delivery through a pre-allocated ring buffer.
     */
    public static class Async {

        /**
         * Whether listeners with DEFAULT delivery run on consumer threads instead of the publishing thread.
         */
        private boolean enabled;

        /**
         * Number of slots in the ring; a power of two.
         */
        private int ringSize = 4096;

        /**
         * How idle consumer threads wait for events.
         */
        private WaitStrategyType waitStrategy = WaitStrategyType.BLOCKING;

        /**
         * What a publisher does when the ring is full.
         */
        private OverflowPolicy overflow = OverflowPolicy.BLOCK;

        /**
         * Number of consumer threads; each asynchronous listener runs on exactly one of them.
         */
        private int consumers = 1;

        /**
         * How long closing the context waits for accepted events to be delivered.
         */
        private Duration shutdownTimeout = Duration.ofSeconds(10);

        /**
         * Most events a consumer delivers in one batch: a listener that takes {@code boolean endOfBatch}
         * gets {@code true} at least this often.
         */
        private int maxBatch = 256;

        /**
         * Whether asynchronous listeners run in the publisher's context: its current Micrometer observation (so its trace, and the MDC entries the tracer keeps) is restored around their call on the consumer thread.
         */
        private boolean propagateContext;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getRingSize() {
            return ringSize;
        }

        public void setRingSize(int ringSize) {
            this.ringSize = ringSize;
        }

        public WaitStrategyType getWaitStrategy() {
            return waitStrategy;
        }

        public void setWaitStrategy(WaitStrategyType waitStrategy) {
            this.waitStrategy = waitStrategy;
        }

        public OverflowPolicy getOverflow() {
            return overflow;
        }

        public void setOverflow(OverflowPolicy overflow) {
            this.overflow = overflow;
        }

        public int getConsumers() {
            return consumers;
        }

        public void setConsumers(int consumers) {
            this.consumers = consumers;
        }

        public Duration getShutdownTimeout() {
            return shutdownTimeout;
        }

        public void setShutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
        }

        public boolean isPropagateContext() {
            return propagateContext;
        }

        public void setPropagateContext(boolean propagateContext) {
            this.propagateContext = propagateContext;
        }

        public int getMaxBatch() {
            return maxBatch;
        }

        public void setMaxBatch(int maxBatch) {
            this.maxBatch = maxBatch;
        }
    }

    /**
     * How idle consumer threads wait.
     */
    public enum WaitStrategyType {

        /** Spin briefly, then park until a publisher signals: no CPU when idle; the default. */
        BLOCKING,

        /** Spin, yield, then park in short sleeps: little CPU when idle, no signalling cost for publishers. */
        SLEEPING,

        /** Spin, then yield: low latency, idle consumers stay runnable. */
        YIELDING,

        /** Spin: lowest latency, one core per consumer always busy. */
        BUSY_SPIN
    }

    /**
     * Dispatch statistics. Counters are always kept; latency sampling is optional.
     */
    public static class Stats {

        private final Latency latency = new Latency();

        public Latency getLatency() {
            return latency;
        }

        /**
         * Latency sampling into pre-allocated histograms.
         */
        public static class Latency {

            /**
             * Whether to time listener calls and events' waits in the ring, for one event in sample-every.
             */
            private boolean enabled;

            /**
             * One event in this many is timed (a power of two; 1 times every event): a timed event's
             * listeners are called from a loop with two clock reads per call, the others as without sampling.
             */
            private int sampleEvery = 16;

            public boolean isEnabled() {
                return enabled;
            }

            public void setEnabled(boolean enabled) {
                this.enabled = enabled;
            }

            public int getSampleEvery() {
                return sampleEvery;
            }

            public void setSampleEvery(int sampleEvery) {
                this.sampleEvery = sampleEvery;
            }
        }
    }

    /**
     * Micrometer observations of listener calls.
     */
    public static class Observations {

        /**
         * Whether each listener call of the events latency sampling picks (zerogc.events.stats.latency,
         * which must be enabled) is a Micrometer Observation named zerogc.events.listener, tagged type and
         * listener: a span in the trace and a timer. Unsampled events are not observed.
         */
        private boolean enabled;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /**
     * Pooled event containers: events extending PooledEvent are borrowed from pre-allocated pools.
     */
    public static class Pool {

        /**
         * Whether events extending PooledEvent are borrowed from pools and returned after their last listener.
         */
        private boolean enabled;

        /**
         * Instances per pooled type, unless set for the type.
         */
        private int size = 1024;

        /**
         * Settings per pooled type, keyed by fully qualified class name in brackets, as
         * types[com.acme.QuoteTick].size=8192.
         */
        private final Map<String, PooledType> types = new LinkedHashMap<>();

        /**
         * What borrowing does when every instance of a pool is in use.
         */
        private ExhaustedPolicy exhausted = ExhaustedPolicy.BLOCK;

        /**
         * Whether released events report use after release from getters that call checkNotReleased().
         */
        private boolean verify;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getSize() {
            return size;
        }

        public void setSize(int size) {
            this.size = size;
        }

        public Map<String, PooledType> getTypes() {
            return types;
        }

        public ExhaustedPolicy getExhausted() {
            return exhausted;
        }

        public void setExhausted(ExhaustedPolicy exhausted) {
            this.exhausted = exhausted;
        }

        public boolean isVerify() {
            return verify;
        }

        public void setVerify(boolean verify) {
            this.verify = verify;
        }
    }

    /**
     * Settings of one pooled event type.
     */
    public static class PooledType {

        /**
         * Instances of this type; the pool's default size when not set.
         */
        private Integer size;

        public Integer getSize() {
            return size;
        }

        public void setSize(Integer size) {
            this.size = size;
        }
    }

    /**
     * The bridge between Spring's event path and the compiled one.
     */
    public static class Bridge {

        /**
         * Whether to provide the applicationEventMulticaster that joins both paths in both directions.
         */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
