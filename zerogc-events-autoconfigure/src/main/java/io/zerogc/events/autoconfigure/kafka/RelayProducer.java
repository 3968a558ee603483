package io.zerogc.events.autoconfigure.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.beans.BeanUtils;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.util.ClassUtils;

/**
 * The relays' producer: the relays serialize each event on their consumer (a pooled event is valid only
 * then), so the producer takes bytes. Made from Boot's factory: a copy of it whose value serializer is
 * {@link ByteArraySerializer}, and the serializer Boot's would have used (its own instance if it has
 * one, else the configured class).
 *
 * @param factory the relays' own producer factory, values as bytes
 * @param values serializes the events
 */
record RelayProducer(ProducerFactory<Object, Object> factory, Serializer<Object> values) {

    /**
     * @param boot Boot's (or the application's) producer factory
     * @param overrides configuration the relays' producer differs in (their JSON settings)
     */
    static RelayProducer of(ProducerFactory<Object, Object> boot, Map<String, Object> overrides,
            ClassLoader classLoader) {
        Map<String, Object> configuration = new HashMap<>(boot.getConfigurationProperties());
        configuration.putAll(overrides);
        Serializer<Object> values = valueSerializer(boot, configuration, classLoader);
        Map<String, Object> bytes = new HashMap<>(overrides);
        bytes.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        ProducerFactory<Object, Object> own;
        try {
            own = boot.copyWithConfigurationOverride(bytes);
        }
        catch (UnsupportedOperationException ex) { // an application's factory that cannot be copied: its configuration
            configuration.putAll(bytes);
            own = new DefaultKafkaProducerFactory<>(configuration);
        }
        if (own instanceof DefaultKafkaProducerFactory<Object, Object> copy && copy.getValueSerializerSupplier() != null
                && copy.getValueSerializerSupplier().get() != null) {
            copy.setValueSerializerSupplier(RelayProducer::byteArrays); // the application's instance: bytes now
        }
        return new RelayProducer(own, values);
    }

    @SuppressWarnings("unchecked")
    private static <T> Serializer<T> byteArrays() {
        return (Serializer<T>) new ByteArraySerializer();
    }

    @SuppressWarnings("unchecked")
    private static Serializer<Object> valueSerializer(ProducerFactory<Object, Object> factory,
            Map<String, Object> configuration, ClassLoader classLoader) {
        if (factory instanceof DefaultKafkaProducerFactory<Object, Object> defaults
                && defaults.getValueSerializerSupplier() != null) {
            Serializer<Object> given = defaults.getValueSerializerSupplier().get();
            if (given != null) {
                return given;
            }
        }
        Object configured = configuration.get(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        Serializer<Object> serializer;
        if (configured instanceof Serializer<?> instance) {
            serializer = (Serializer<Object>) instance;
        }
        else {
            Class<?> type = configured instanceof Class<?> given ? given
                    : ClassUtils.resolveClassName(String.valueOf(configured), classLoader);
            serializer = (Serializer<Object>) BeanUtils.instantiateClass(type);
        }
        serializer.configure(configuration, false);
        return serializer;
    }
}
