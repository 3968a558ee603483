/**
 * Events that cross instances through Apache Kafka: outbound relays that send externalized event types
 * from a ring consumer thread, inbound listener containers that publish what other instances sent into
 * the local bus, and their statistics. Active with {@code spring-kafka} on the class path and
 * {@code zerogc.events.kafka.enabled=true}; built on Spring Boot's own Kafka auto-configuration (its
 * producer and consumer factories and {@code spring.kafka.*}). Values are JSON unless
 * {@code spring.kafka.producer.value-serializer} and {@code spring.kafka.consumer.value-deserializer}
 * name other (de)serializers than Boot's default {@code String} ones.
 */
package io.zerogc.events.autoconfigure.kafka;
