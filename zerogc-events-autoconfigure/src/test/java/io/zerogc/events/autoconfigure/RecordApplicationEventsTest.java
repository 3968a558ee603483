package io.zerogc.events.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.ZeroGcListener;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * Spring's test support records events published with the zero-allocation publisher, as it records
 * events published through the context.
 */
@SpringBootTest(classes = RecordApplicationEventsTest.App.class)
@RecordApplicationEvents
class RecordApplicationEventsTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        ReadyWatcher readyWatcher() {
            return new ReadyWatcher();
        }
    }

    static class ReadyWatcher {

        volatile boolean ready;

        @ZeroGcListener
        public void on(ApplicationReadyEvent event) {
            ready = true;
        }
    }

    @Autowired
    ReadyWatcher readyWatcher;

    @Test
    void springBootsApplicationReadyEventReachesCompiledListeners() {
        assertThat(readyWatcher.ready).isTrue();
    }

    record Recorded(String id) {
    }

    @Autowired
    ZeroGcEventPublisher publisher;

    @Autowired
    ApplicationEvents events;

    @Test
    void eventsPublishedWithTheZeroGcPublisherAreRecorded() {
        publisher.publish(new Recorded("r1"));
        publisher.publish(new Recorded("r2"));

        assertThat(events.stream(Recorded.class)).containsExactly(new Recorded("r1"), new Recorded("r2"));
    }
}
