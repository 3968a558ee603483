package io.zerogc.events.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerogc.events.ZeroGcListener;
import io.zerogc.events.autoconfigure.ZeroGcEventsAutoConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.EventListener;

/**
 * An event published while the context starts (from a bean's {@code afterPropertiesSet}) reaches the
 * classic listeners exactly as it does without the starter, the same run giving the plain Spring
 * baseline: an {@code ApplicationListener} bean gets it before {@code publishEvent} returns, and an
 * {@code @EventListener} method (registered only once all singletons exist) does not get it at all. A
 * compiled listener gets it once the listeners are compiled, before the context is refreshed.
 */
class StartupPublishingParityTest {

    record Started(String id) {
    }

    static final class Journal {

        final List<String> entries = new CopyOnWriteArrayList<>();
        /** What the journal held right after the publisher's {@code publishEvent} returned. */
        final List<String> atPublish = new ArrayList<>();
    }

    static class ListenerBean implements ApplicationListener<PayloadApplicationEvent<Started>> {

        private final Journal journal;

        ListenerBean(Journal journal) {
            this.journal = journal;
        }

        @Override
        public void onApplicationEvent(PayloadApplicationEvent<Started> event) {
            journal.entries.add("listener-bean:" + event.getPayload().id());
        }
    }

    static class Annotated {

        private final Journal journal;

        Annotated(Journal journal) {
            this.journal = journal;
        }

        @EventListener
        public void on(Started event) {
            journal.entries.add("event-listener:" + event.id());
        }
    }

    static class Compiled {

        private final Journal journal;

        Compiled(Journal journal) {
            this.journal = journal;
        }

        @ZeroGcListener
        public void on(Started event) {
            journal.entries.add("compiled:" + event.id());
        }
    }

    static class Announcer implements InitializingBean {

        private final ApplicationEventPublisher publisher;
        private final Journal journal;

        Announcer(ApplicationEventPublisher publisher, Journal journal) {
            this.publisher = publisher;
            this.journal = journal;
        }

        @Override
        public void afterPropertiesSet() {
            publisher.publishEvent(new Started("boot"));
            journal.atPublish.addAll(journal.entries);
        }
    }

    private static ApplicationContextRunner scenario(ApplicationContextRunner runner) {
        return runner.withBean(Journal.class).withBean(ListenerBean.class).withBean(Annotated.class)
                .withBean(Announcer.class);
    }

    @ParameterizedTest(name = "compile-event-listeners={0}")
    @ValueSource(booleans = { false, true })
    void classicListenersSeeWhatPlainSpringGivesThemAndCompiledOnesGetItOnceCompiled(boolean compile) {
        List<String> plainAtPublish = new ArrayList<>();
        List<String> plainAfterStartup = new ArrayList<>();
        scenario(new ApplicationContextRunner()).run(context -> {
            plainAtPublish.addAll(context.getBean(Journal.class).atPublish);
            plainAfterStartup.addAll(context.getBean(Journal.class).entries);
        });
        assertThat(plainAtPublish).containsExactly("listener-bean:boot"); // the baseline this test holds to

        scenario(new ApplicationContextRunner().withConfiguration(
                AutoConfigurations.of(ZeroGcEventsAutoConfiguration.class)))
                .withPropertyValues("zerogc.events.compile-event-listeners=" + compile).withBean(Compiled.class)
                .run(context -> {
                    Journal journal = context.getBean(Journal.class);
                    assertThat(journal.atPublish).isEqualTo(plainAtPublish);
                    List<String> expected = new ArrayList<>(plainAfterStartup);
                    expected.add("compiled:boot");
                    assertThat(journal.entries).isEqualTo(expected);
                });
    }
}
