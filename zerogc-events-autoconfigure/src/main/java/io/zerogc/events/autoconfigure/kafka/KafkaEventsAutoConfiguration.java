package io.zerogc.events.autoconfigure.kafka;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;
import io.zerogc.events.autoconfigure.DispatchingEventPublisher;
import io.zerogc.events.autoconfigure.RegisteredMeters;
import io.zerogc.events.autoconfigure.ZeroGcEventsAutoConfiguration;
import io.zerogc.events.autoconfigure.ZeroGcEventsProperties;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.SearchStrategy;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.util.ClassUtils;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for events that cross instances through Kafka.
 */
@AutoConfiguration(after = ZeroGcEventsAutoConfiguration.class,
        afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(KafkaTemplate.class)
@ConditionalOnBooleanProperty("zerogc.events.kafka.enabled")
@ConditionalOnBean(value = DispatchingEventPublisher.class, search = SearchStrategy.CURRENT)
public final class KafkaEventsAutoConfiguration {

    /** Asynchronous delivery's phase: inbound containers stop just before it, outbound relays just after. */
    static final int RING_PHASE = ZeroGcEventsAutoConfiguration.ASYNC_DELIVERY_PHASE;

    private static final String JSON_ADVICE = "add Jackson (tools.jackson.core:jackson-databind) for JSON, or set ";

    @Bean
    KafkaOutbound zeroGcKafkaOutbound(ZeroGcEventsProperties events,
            ObjectProvider<ProducerFactory<?, ?>> producerFactory, ListableBeanFactory beanFactory,
            ResourceLoader resourceLoader, ConfigurableApplicationContext context,
            ObjectProvider<ObservationRegistry> observationRegistry) {
        requireAsync(events);
        ZeroGcKafkaProperties kafka = events.getKafka();
        if (kafka.getOutboundBuffer() < 1) {
            throw new InvalidConfigurationPropertyValueException("zerogc.events.kafka.outbound-buffer",
                    kafka.getOutboundBuffer(), "The relays' buffer needs room for at least one record.");
        }
        if (kafka.getOutboundBlockTimeout().isNegative()) {
            throw new InvalidConfigurationPropertyValueException("zerogc.events.kafka.outbound-block-timeout",
                    kafka.getOutboundBlockTimeout(), "A wait cannot be negative.");
        }
        ClassLoader classLoader = resourceLoader.getClassLoader();
        OutboundTargets resolver = new OutboundTargets(classLoader);
        List<String> packages = AutoConfigurationPackages.has(beanFactory) ? AutoConfigurationPackages.get(beanFactory)
                : List.of();
        List<OutboundTargets.Destination> routes = resolver.resolve(packages, kafka.getOutbound());
        resolver.refuseWhatModulithExternalizes(routes, beanFactory);
        ProducerFactory<Object, Object> boot = boot(producerFactory.getIfAvailable(), "ProducerFactory");
        Map<String, Object> configuration = boot.getConfigurationProperties();
        Map<String, Object> overrides = new HashMap<>();
        if (isDefault(configuration.get(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG), StringSerializer.class)) {
            requireJson(classLoader, "spring.kafka.producer.value-serializer");
            overrides.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, JacksonJsonSerializer.class);
            overrides.put("spring.json.add.type.headers", false); // receivers name their type; no class names on the wire
        }
        boolean stringKeys = isDefault(configuration.get(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG),
                StringSerializer.class);
        RelayProducer producer = RelayProducer.of(boot, overrides, classLoader);
        List<OutboundTarget> targets = new ArrayList<>();
        for (OutboundTargets.Destination route : routes) {
            targets.add(resolver.target(route, stringKeys, kafka.getInstanceId()));
        }
        return new KafkaOutbound(targets, producer, kafka, events.getAsync().getShutdownTimeout(), context,
                traces(events, observationRegistry));
    }

    @Bean
    KafkaInbound zeroGcKafkaInbound(ZeroGcEventsProperties events,
            ObjectProvider<ConsumerFactory<?, ?>> consumerFactory, DispatchingEventPublisher zeroGcEventPublisher,
            ResourceLoader resourceLoader, ObjectProvider<ObservationRegistry> observationRegistry) {
        requireAsync(events);
        ZeroGcKafkaProperties kafka = events.getKafka();
        ClassLoader classLoader = resourceLoader.getClassLoader();
        EventClasses classes = new EventClasses(classLoader);
        List<InboundTopic> topics = new ArrayList<>();
        if (kafka.getInbound().isEmpty()) {
            return new KafkaInbound(topics, null);
        }
        ConsumerFactory<Object, Object> boot = boot(consumerFactory.getIfAvailable(), "ConsumerFactory");
        byte[] skipOrigin = kafka.isSkipOwnEvents() ? kafka.getInstanceId().getBytes(StandardCharsets.UTF_8) : null;
        for (Map.Entry<String, String> entry : kafka.getInbound().entrySet()) {
            String topic = entry.getKey();
            Class<?> type = classes.inbound(topic, entry.getValue());
            Map<String, Object> configuration = new HashMap<>(boot.getConfigurationProperties());
            configuration.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.effectiveGroupId());
            Deserializer<Object> values = null;
            if (isDefault(configuration.get(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG), StringDeserializer.class)) {
                requireJson(classLoader, "spring.kafka.consumer.value-deserializer");
                values = Json.deserializer(type);
            }
            InboundTopic inbound = new InboundTopic(topic, type, zeroGcEventPublisher, skipOrigin);
            ContainerProperties container = new ContainerProperties(topic);
            container.setGroupId(kafka.effectiveGroupId());
            // Stopping waits this long at most for the consumer, which a broker that is away keeps in its calls.
            container.setShutdownTimeout(events.getAsync().getShutdownTimeout().toMillis());
            container.setMessageListener(inbound);
            KafkaMessageListenerContainer<Object, Object> listenerContainer = new KafkaMessageListenerContainer<>(
                    new DefaultKafkaConsumerFactory<>(configuration, null, values), container);
            listenerContainer.setBeanName("zeroGcKafkaInbound-" + topic);
            listenerContainer.setCommonErrorHandler(inbound);
            inbound.attach(listenerContainer);
            topics.add(inbound);
        }
        return new KafkaInbound(topics, traces(events, observationRegistry));
    }

    /**
     * Where records' traces are observed: the application's registry, when asynchronous delivery propagates
     * the publisher's context (which fails startup without one registry); {@code null} otherwise.
     */
    private static Supplier<ObservationRegistry> traces(ZeroGcEventsProperties events,
            ObjectProvider<ObservationRegistry> observationRegistry) {
        if (!events.getAsync().isPropagateContext()) {
            return null;
        }
        return () -> observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP);
    }

    @Bean
    KafkaStatisticsSource zeroGcKafkaStatistics(ZeroGcEventsProperties events, KafkaOutbound zeroGcKafkaOutbound,
            KafkaInbound zeroGcKafkaInbound) {
        String instanceId = events.getKafka().getInstanceId();
        return () -> new KafkaStatistics(instanceId, zeroGcKafkaOutbound.statistics(),
                zeroGcKafkaInbound.statistics());
    }

    /** Meters over the same counters as the endpoint. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class Meters {

        @Bean
        KafkaMeterBinder zeroGcKafkaMeters(KafkaOutbound zeroGcKafkaOutbound, KafkaInbound zeroGcKafkaInbound) {
            return new KafkaMeterBinder(zeroGcKafkaOutbound, zeroGcKafkaInbound);
        }
    }

    /** The Kafka meters; removed from their registries when the context closes, as the engine's are. */
    static final class KafkaMeterBinder implements MeterBinder, DisposableBean {

        private final KafkaOutbound outbound;
        private final KafkaInbound inbound;
        private final RegisteredMeters meters = new RegisteredMeters();

        KafkaMeterBinder(KafkaOutbound outbound, KafkaInbound inbound) {
            this.outbound = outbound;
            this.inbound = inbound;
        }

        @Override
        public void destroy() {
            meters.removeAll();
        }

        @Override
        public void bindTo(MeterRegistry registry) {
            List<KafkaStatistics.Outbound> sent = outbound.statistics();
            for (int i = 0; i < sent.size(); i++) {
                int at = i;
                Tags tags = Tags.of("type", sent.get(i).type(), "topic", sent.get(i).topic());
                meters.add(registry, FunctionCounter.builder("zerogc.events.kafka.externalized", outbound,
                        o -> o.statistics().get(at).externalized()).tags(tags)
                        .description("Events the broker acknowledged").register(registry));
                meters.add(registry, FunctionCounter.builder("zerogc.events.kafka.externalize.failed", outbound,
                        o -> o.statistics().get(at).externalizeFailed()).tags(tags)
                        .description("Events that could not be sent").register(registry));
                meters.add(registry, FunctionCounter.builder("zerogc.events.kafka.dropped", outbound,
                        o -> o.statistics().get(at).dropped()).tags(tags)
                        .description("Events dropped because the relays' buffer was full").register(registry));
                meters.add(registry, Gauge.builder("zerogc.events.kafka.pending", outbound,
                        o -> o.statistics().get(at).pending()).tags(tags)
                        .description("Events in the relays' buffer or with the producer, not yet acknowledged nor failed")
                        .register(registry));
            }
            List<KafkaStatistics.Inbound> received = inbound.statistics();
            for (int i = 0; i < received.size(); i++) {
                int at = i;
                Tags tags = Tags.of("type", received.get(i).type(), "topic", received.get(i).topic());
                meters.add(registry, FunctionCounter.builder("zerogc.events.kafka.received", inbound,
                        o -> o.statistics().get(at).published()).tags(tags)
                        .description("Received events published into the local bus").register(registry));
                meters.add(registry, FunctionCounter.builder("zerogc.events.kafka.received.failed", inbound,
                        o -> o.statistics().get(at).failed()).tags(tags)
                        .description("Records that could not be read or published").register(registry));
                meters.add(registry, Gauge.builder("zerogc.events.kafka.lag", inbound, o -> lag(o.statistics().get(at)))
                        .tags(tags).description("Records on the broker not yet received").register(registry));
            }
        }

        private static double lag(KafkaStatistics.Inbound topic) {
            return topic.lag() == null ? Double.NaN : topic.lag();
        }
    }

    private static void requireAsync(ZeroGcEventsProperties events) {
        if (!events.getAsync().isEnabled()) {
            throw new InvalidConfigurationPropertyValueException("zerogc.events.kafka.enabled", true,
                    "Events are sent to Kafka from a ring consumer thread, so that publishing never waits on the"
                            + " broker: set zerogc.events.async.enabled=true as well.");
        }
    }

    private static void requireJson(ClassLoader classLoader, String property) {
        if (!ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper", classLoader)) {
            throw new InvalidConfigurationPropertyValueException(property, "(Boot's default, a String serializer)",
                    "Events are objects, not strings: " + JSON_ADVICE + property + ".");
        }
    }

    @SuppressWarnings("unchecked")
    private static <F> F boot(Object factory, String kind) {
        if (factory == null) {
            throw new IllegalStateException("zerogc.events.kafka.enabled=true needs Spring Boot's Kafka " + kind
                    + " (spring-boot-kafka's auto-configuration, or a bean of your own)");
        }
        return (F) factory;
    }

    /** Jackson's (de)serializers, loaded only once Jackson is known present. */
    private static final class Json {

        @SuppressWarnings("unchecked")
        static Deserializer<Object> deserializer(Class<?> type) {
            return new ErrorHandlingDeserializer<>(new JacksonJsonDeserializer<>((Class<Object>) type, false));
        }
    }

    /** Whether a configured (de)serializer is absent or Boot's default, given as a class or by name. */
    private static boolean isDefault(Object configured, Class<?> bootDefault) {
        return configured == null || configured == bootDefault || bootDefault.getName().equals(configured);
    }
}
