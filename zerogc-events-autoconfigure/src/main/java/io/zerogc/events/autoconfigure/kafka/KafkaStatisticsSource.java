package io.zerogc.events.autoconfigure.kafka;

/**
 * Reads the Kafka integration's statistics; implemented by the integration, read by the endpoint and
 * the meters. Free of Kafka types, so readers load without Kafka on the class path.
 */
@FunctionalInterface
public interface KafkaStatisticsSource {

    /**
     * The figures as counted since startup.
     *
     * @return the statistics
     */
    KafkaStatistics kafkaStatistics();
}
