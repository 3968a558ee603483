package io.zerogc.events.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.acme.async.AuditTrail;
import com.acme.async.OrderShipped;
import com.acme.async.ShipmentLog;
import com.acme.feed.PriceChanged;
import com.acme.feed.PriceFeed;
import com.acme.pooled.Fills;
import com.acme.pooled.Order;
import com.acme.pooled.OrderDesk;
import io.zerogc.events.Subscription;
import io.zerogc.events.ZeroGcEventPublisher;
import io.zerogc.events.autoconfigure.DispatchingEventPublisher;
import io.zerogc.events.autoconfigure.ZeroGcEventsAutoConfiguration;
import io.zerogc.events.support.Readme;
import io.zerogc.events.support.Readme.Block;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Every Java example in the README is a source file of the build, shown whole or by a tagged region:
 * the build compiles it and a test runs it. The first example lives in a user's project of its own
 * ({@code zerogc-events-starter/src/it}), built against the installed starter.
 */
class ReadmeExamplesTest {

    @Test
    void everyJavaAndXmlBlockIsAnExampleFromTheBuild() {
        List<Block> unchecked = Readme.blocks().stream()
                .filter(block -> block.language().equals("java") || block.language().equals("xml"))
                .filter(block -> !"example".equals(block.markerKind())).toList();

        assertThat(unchecked).as("README code blocks without <!-- example: path --> above them").isEmpty();
    }

    @Test
    void everyExampleBlockIsWhatItsFilesSay() {
        for (Block block : Readme.blocks()) {
            if ("example".equals(block.markerKind())) {
                assertThat(block.text()).as("README block at line %d, from %s", block.line(), block.markerValue())
                        .isEqualTo(Readme.expectedExample(block.markerValue()));
            }
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ZeroGcEventsAutoConfiguration.class));

    @Test
    void thePooledExamplePublishesBothFormsAndReturnsEveryInstance() {
        runner.withPropertyValues("zerogc.events.pool.enabled=true", "zerogc.events.pool.verify=true")
                .withBean(OrderDesk.class).withBean(Fills.class).run(context -> {
                    OrderDesk desk = context.getBean(OrderDesk.class);

                    desk.place(7, 70);
                    desk.place(new Order(8, 80));

                    assertThat(context.getBean(Fills.class).seen()).containsExactly("7x70", "8x80");
                    assertThat(context.getBean(DispatchingEventPublisher.class).pools().statistics())
                            .allSatisfy(pool -> assertThat(pool.borrowed()).isZero());
                });
    }

    @Test
    void theDeliveryExampleRunsOneListenerOnEachSide() {
        runner.withPropertyValues("zerogc.events.async.enabled=true").withBean(AuditTrail.class).run(context -> {
            ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
            AuditTrail audit = context.getBean(AuditTrail.class);

            for (int i = 0; i < 3; i++) {
                publisher.publish(new OrderShipped(i, 1));
            }
            assertThatThrownBy(() -> publisher.publish(new OrderShipped(9, 0)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("nothing shipped for order 9");

            await().atMost(Duration.ofSeconds(10)).until(() -> audit.recorded() == 3);
        });
    }

    @Test
    void theFeedExampleGivesEachClientItsSymbolUntilItLeaves() {
        runner.withPropertyValues("zerogc.events.async.enabled=true").withBean(PriceFeed.class).run(context -> {
            ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
            List<PriceChanged> acme = new CopyOnWriteArrayList<>();
            List<PriceChanged> other = new CopyOnWriteArrayList<>();
            Subscription acmeClient = context.getBean(PriceFeed.class).follow("ACME", acme::add);
            Subscription otherClient = context.getBean(PriceFeed.class).follow("OTHER", other::add);

            publisher.publish(new PriceChanged("ACME", 101));
            publisher.publish(new PriceChanged("OTHER", 7));
            assertThat(publisher.awaitDelivery(Duration.ofSeconds(10))).isTrue();
            acmeClient.close();
            publisher.publish(new PriceChanged("ACME", 102));
            assertThat(publisher.awaitDelivery(Duration.ofSeconds(10))).isTrue();
            otherClient.close();

            assertThat(acme).containsExactly(new PriceChanged("ACME", 101));
            assertThat(other).containsExactly(new PriceChanged("OTHER", 7));
        });
    }

    @Test
    void theShipmentLogWritesEveryShipmentOnceWithOneWritePerBatch(@TempDir Path directory) throws Exception {
        try (FileChannel file = FileChannel.open(directory.resolve("shipments.log"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            runner.withPropertyValues("zerogc.events.async.enabled=true")
                    .withBean(ShipmentLog.class, () -> new ShipmentLog(file)).run(context -> {
                        ZeroGcEventPublisher publisher = context.getBean(ZeroGcEventPublisher.class);
                        for (int i = 0; i < 10_000; i++) {
                            publisher.publish(new OrderShipped(i, 1));
                        }
                        assertThat(publisher.awaitDelivery(Duration.ofSeconds(10))).isTrue();

                        assertThat(file.size()).isEqualTo(10_000 * 12L);
                        long batches = context.getBean(DispatchingEventPublisher.class).dispatcher().consumers().get(0)
                                .batches();
                        assertThat(context.getBean(ShipmentLog.class).writes()).isEqualTo(batches)
                                .isBetween(10_000 / 256L, 10_000L);
                    });
        }
    }
}
