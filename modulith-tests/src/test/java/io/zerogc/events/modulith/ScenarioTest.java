package io.zerogc.events.modulith;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerogc.events.ZeroGcEventPublisher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;

/** Modulith's test support sees what is published through the starter, either way. */
@SpringBootTest(classes = RegistryApplication.class,
        properties = "spring.datasource.url=jdbc:h2:mem:scenario;DB_CLOSE_DELAY=-1")
@EnableScenarios
class ScenarioTest {

    @Autowired
    Shipping shipping;

    @Autowired
    Pricing pricing;

    @Autowired
    ZeroGcEventPublisher zeroGc;

    @Test
    void anEventPublishedByTheScenarioReachesTheModuleListenerAndTheCompiledOne(Scenario scenario) {
        long pricedBefore = pricing.priced();
        scenario.publish(new OrderPlaced(501))
                .andWaitForStateChange(() -> shipping.shipped().contains(501L))
                .andVerifyEvents(events -> assertThat(events.ofType(OrderPlaced.class)
                        .matching(order -> order.id() == 501L)).hasSize(1));
        assertThat(pricing.priced()).isEqualTo(pricedBefore + 1);
    }

    @Test
    void anEventPublishedWithTheZeroGcPublisherInTheScenariosTransactionIsSeenByItsPublishedEvents(
            Scenario scenario) {
        scenario.stimulate(transactions -> transactions.execute(status -> {
                    zeroGc.publish(new OrderPlaced(502));
                    return 502L;
                }))
                .andWaitForStateChange(() -> shipping.shipped().contains(502L))
                .andVerifyEvents(events -> assertThat(events.ofType(OrderPlaced.class)
                        .matching(order -> order.id() == 502L)).hasSize(1));
    }
}
