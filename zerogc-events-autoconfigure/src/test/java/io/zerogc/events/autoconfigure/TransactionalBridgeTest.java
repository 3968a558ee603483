package io.zerogc.events.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerogc.events.ZeroGcEventPublisher;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code @TransactionalEventListener} phases hold for events published with the zero-allocation
 * publisher, with a real transaction manager over an embedded H2 database.
 */
class TransactionalBridgeTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ZeroGcEventsAutoConfiguration.class))
            .withUserConfiguration(Database.class).withBean(Phases.class);

    record Booked(String id) {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableTransactionManagement
    static class Database {

        @Bean(destroyMethod = "shutdown")
        org.springframework.jdbc.datasource.embedded.EmbeddedDatabase dataSource() {
            return new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2).generateUniqueName(true).build();
        }

        @Bean
        PlatformTransactionManager transactionManager(DataSource dataSource) {
            return new DataSourceTransactionManager(dataSource);
        }

        @Bean
        TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
            return new TransactionTemplate(transactionManager);
        }

        @Bean
        JdbcTemplate jdbcTemplate(DataSource dataSource) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            jdbc.execute("create table booking (id varchar(20) primary key)");
            return jdbc;
        }
    }

    static class Phases {

        final List<String> calls = new CopyOnWriteArrayList<>();

        @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
        public void beforeCommit(Booked booked) {
            calls.add("before-commit:" + booked.id());
        }

        @TransactionalEventListener
        public void afterCommit(Booked booked) {
            calls.add("after-commit:" + booked.id());
        }

        @TransactionalEventListener(phase = TransactionPhase.AFTER_ROLLBACK)
        public void afterRollback(Booked booked) {
            calls.add("after-rollback:" + booked.id());
        }

        @TransactionalEventListener(phase = TransactionPhase.AFTER_COMPLETION)
        public void afterCompletion(Booked booked) {
            calls.add("after-completion:" + booked.id());
        }

        @TransactionalEventListener(fallbackExecution = true)
        public void fallback(Booked booked) {
            calls.add("fallback:" + booked.id());
        }
    }

    @Test
    void afterCommitListenersRunOnlyWhenTheTransactionCommits() {
        runner.run(context -> {
            ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            Phases phases = context.getBean(Phases.class);

            context.getBean(TransactionTemplate.class).executeWithoutResult(status -> {
                jdbc.update("insert into booking values ('b1')");
                publisher.publish(new Booked("b1"));
                assertThat(phases.calls).as("nothing runs inside the transaction").isEmpty();
            });

            assertThat(phases.calls).containsExactlyInAnyOrder("before-commit:b1", "after-commit:b1",
                    "after-completion:b1", "fallback:b1").startsWith("before-commit:b1");
            assertThat(jdbc.queryForObject("select count(*) from booking", Integer.class)).isEqualTo(1);
        });
    }

    @Test
    void afterRollbackListenersRunOnlyWhenTheTransactionRollsBack() {
        runner.run(context -> {
            ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            Phases phases = context.getBean(Phases.class);

            context.getBean(TransactionTemplate.class).executeWithoutResult(status -> {
                jdbc.update("insert into booking values ('b2')");
                publisher.publish(new Booked("b2"));
                status.setRollbackOnly();
            });

            assertThat(phases.calls).containsExactly("after-rollback:b2", "after-completion:b2");
            assertThat(jdbc.queryForObject("select count(*) from booking", Integer.class)).isZero();
        });
    }

    @Test
    void withoutATransactionOnlyFallbackExecutionListenersRun() {
        runner.run(context -> {
            context.getBean(ZeroGcEventPublisher.class).publish(new Booked("b3"));

            assertThat(context.getBean(Phases.class).calls).containsExactly("fallback:b3");
        });
    }
}
